"""What every app's filters share."""

from django.core.validators import MaxValueValidator, MinValueValidator

# A year this product can hold: a filter outside it is a clear 400, never a database error.
YEAR_RANGE = [MinValueValidator(1900), MaxValueValidator(2100)]
