import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from antq.core.tables import DateTimeColumn, PkLinkColumn
from antq.orgs.models import Organisation, User


class OrganisationTable(tables.Table):
    name = PkLinkColumn("orgs:organisation_detail", verbose_name=_("Name"),
                             order_by=("search_name",))
    org_type = tables.Column(verbose_name=_("Type"), accessor="org_type__label",
                             order_by=("org_type__order",))
    unit = tables.Column(verbose_name=_("Unit"), accessor="unit__display_name", order_by=("unit__path",))
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = Organisation
        fields = ("name", "org_type", "unit", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No organisation matches.")


class UserTable(tables.Table):
    username = PkLinkColumn("orgs:user_detail", verbose_name=_("User name"))
    full_name = tables.Column(verbose_name=_("Full name"))
    home_unit = tables.Column(verbose_name=_("Home unit"), accessor="home_unit__display_name",
                              order_by=("home_unit__path",))
    last_login = DateTimeColumn(verbose_name=_("Last login"), format="H:i d/m/Y")
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = User
        fields = ("username", "full_name", "home_unit", "last_login", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No account matches.")
