import datetime

from antq.committees.models import CommitteeMember, SteeringCommittee
from antq.orgs.models import Organisation, OrganisationType
from antq.orgs.tests.factories import OrganisationFactory


def org_of(unit, type_code: str) -> Organisation:
    org_type = OrganisationType.objects.get(code=type_code)
    return (Organisation.objects.filter(unit=unit, org_type=org_type).first()
            or OrganisationFactory(unit=unit, org_type=org_type, name=f"{org_type.name} {unit.name}"))


def full_committee(unit, *, skip: tuple[str, ...] = ()) -> SteeringCommittee:
    """A committee whose members satisfy the shipped rules of a local level, minus `skip` seats."""
    committee = SteeringCommittee.objects.create(unit=unit, name="Ban Chỉ đạo")
    seats = [("head", "people_committee"), ("standing_deputy", "police"), ("deputy", "front"),
             *[("member", code) for code in ["veterans", "women", "youth", "labour", "farmers", "elderly"]]]
    for position, type_code in seats:
        if position in skip or type_code in skip:
            continue
        CommitteeMember.objects.create(committee=committee, full_name=f"{position} {type_code}",
                                       organisation=org_of(unit, type_code), position=position,
                                       term_start=datetime.date(2024, 1, 1))
    return committee
