from django import forms, template

register = template.Library()


@register.inclusion_tag("core/_field.html")
def bs_field(field):
    """One form field in Bootstrap 5 markup, with its error and help text."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):  # each choice as a Bootstrap form-check
        return {"field": field, "is_radio": True}
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    # A browser never keeps a chosen file when the page comes back: say so on a refused form's file field.
    choose_again = (isinstance(widget, forms.FileInput) and field.form.is_bound and bool(field.form.errors)
                    and bool(field.form.files.get(field.html_name)))
    return {"field": field, "widget": field.as_widget(attrs=attrs),
            "is_checkbox": isinstance(widget, forms.CheckboxInput), "choose_again": choose_again}


@register.filter
def has_perm_code(codes, code: str) -> bool:
    return code in codes


@register.filter
def time_unit(value: str) -> str:
    """A time limit's unit in the reader's language ("days", "ngày làm việc")."""
    from antq.core.models import TimeUnit

    return TimeUnit(value).label if value in TimeUnit.values else value


@register.filter
def percent(value) -> str:
    """A share as shown: two decimals in the reader's format ("69,99"), "—" when there is none. The
    share itself stays exact for every comparison (antq.core.numbers)."""
    from django.template.defaultfilters import floatformat

    return "—" if value is None else floatformat(value, 2)


@register.filter
def code_groups(code: str):
    """A receipt code or secret that a narrow screen may break only between its groups, never inside one."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    groups = (code or "").split("-")
    html = format_html_join(mark_safe("-<wbr>"), '<span class="text-nowrap">{}</span>', ((g,) for g in groups))
    return html


@register.simple_tag
def icon(name: str):
    """An icon inline (antq.core.icons): no icon font to download."""
    from antq.core.icons import svg

    return svg(name)


@register.filter
def index(sequence, position: int):
    """The item at `position` of a list (a row's cell beside its column's label)."""
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return ""
