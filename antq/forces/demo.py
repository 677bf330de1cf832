"""Demo security teams (called by `antq demo`): a team for every residential area of the demo communes, three
or four recognised members each — one team short of the minimum, one member ageing out within months, one
proposed and waiting for the chairman. Through the services; running it again adds nothing."""

import datetime

from django.utils import timezone

from antq.core.dates import add_months
from antq.forces import services
from antq.forces.models import Member, SecurityTeam
from antq.geo.models import AdminUnit
from antq.orgs.demo import PASSWORD
from antq.orgs.models import User

NAMES = ["Nguyễn Văn Hùng", "Trần Minh Tâm", "Lê Thị Hoa", "Phạm Văn Đức", "Võ Thanh Sơn", "Đặng Thị Thu",
         "Bùi Văn Long", "Huỳnh Văn Phát", "Ngô Thị Hạnh", "Dương Văn Tài"]


def build_forces(context: dict) -> None:
    if SecurityTeam.objects.exists():
        _member_login(context)
        return
    officers = {"25459": User.objects.filter(username="congan.tanninh").first(),
                "25606": User.objects.filter(username="congan.hoahoi").first()}
    today = timezone.localdate()
    made = 0
    for commune in context["communes"]:
        officer = officers.get(commune.code)
        if officer is None:
            continue
        areas = list(AdminUnit.objects.current().filter(parent=commune, level__code="residential_area")
                     .order_by("search_name"))
        for index, area in enumerate(areas):
            team = services.team_create(actor=officer, commune=commune, name=f"Tổ bảo vệ ANTT {area.name}",
                                        areas=[area], decision_number=f"{10 + index}/QĐ-UBND",
                                        decided_on=datetime.date(2024, 9, 1))
            count = 2 if index == 0 else 4  # the first team is short of the minimum
            for n in range(count):
                born = datetime.date(1975 + 3 * n + index, 1 + n, 10)
                if index == 1 and n == 0:  # reaches 71 within months
                    born = today.replace(year=today.year - 71, day=1) + datetime.timedelta(days=100)
                member = services.member_propose(
                    actor=officer, team=team, full_name=NAMES[(index * 3 + n) % len(NAMES)], birth_date=born,
                    id_number=f"072{(born.year // 100 - 19) * 2}{born.year % 100:02d}{index:03d}{n:03d}",
                    area=area, education="upper_secondary" if n % 2 else "lower_secondary", clean_record=True,
                    role=["leader", "deputy", "member", "member"][n], proposed_on=datetime.date(2024, 9, 5))
                if not (index == 2 and n == 3):  # one waits for the chairman
                    services.member_recognise(actor=officer, member=member,
                                              decision_number=f"{20 + index}/QĐ-UBND",
                                              recognised_on=datetime.date(2024, 9, 15))
            made += 1
    context["log"](f"  forces: {made} security teams, one short of members, one member ageing out")
    build_duty(context)
    build_community(context)


KINDS = ["verification", "support", "fire_rescue", "propaganda"]
TASKS = ["Xác minh tin báo", "Hỗ trợ giữ trật tự", "Hỗ trợ chữa cháy", "Tuyên truyền phòng chống ma túy"]
MEMBER_LOGIN = ("tobv.tanninh", "Bùi Văn Long")  # the leader of the third team of Tân Ninh


def _member_login(context: dict) -> None:
    """The team member's login, printed with the others (the phone page needs no second factor)."""
    user = User.objects.filter(username=MEMBER_LOGIN[0]).select_related("home_unit").first()
    if user is not None:
        context["logins"].append({"username": user.username, "password": PASSWORD,
                                  "role": "Thành viên tổ bảo vệ ANTT", "scope": user.home_unit.display_name})


def build_duty(context: dict) -> None:
    """Duty, tasks and ratings in Tân Ninh: the third team's leader has the phone page (a login printed), night
    patrols laid out for four weeks, a market patrol starting within the hour for the leader to confirm and sign
    on, last month's patrols with one no-show and a dispute waiting to be recorded, tasks and decided ratings
    over the two years before this one."""
    from antq.orgs import services as orgs
    from antq.orgs.models import Organisation, Role

    officer = User.objects.filter(username="congan.tanninh").first()
    commune = next((c for c in context["communes"] if c.code == "25459"), None)
    if officer is None or commune is None:
        return
    teams = list(SecurityTeam.objects.filter(commune=commune).order_by("name"))
    team = teams[2]
    recognised = list(team.members.filter(state="recognised").order_by("full_name"))
    username, full_name = MEMBER_LOGIN
    user = User.objects.filter(username=username).first() or orgs.user_create(
        actor=context["admin"], home_unit=commune, username=username, full_name=full_name,
        email=f"{username}@demo.antq.local", password=PASSWORD)
    police = Organisation.objects.get(unit=commune, org_type__code="police")
    orgs.role_grant(actor=context["admin"], user=user, organisation=police,
                    role=Role.objects.get(code="security_team_member"), scope=commune)
    leader = next(m for m in recognised if m.full_name == full_name)
    services.member_account_link(actor=officer, member=leader, username=username)
    _member_login(context)

    now = timezone.now()
    today = timezone.localdate(now)
    services.schedule_create(actor=officer, team=team, kind="night_patrol", title="Tuần tra đêm",
                             place="Các tuyến hẻm khu phố", weekdays=[1, 3, 5, 6], start_time=datetime.time(22),
                             end_time=datetime.time(2), first_day=today, last_day=None, per_shift=2,
                             members=recognised)
    soon = (now + datetime.timedelta(minutes=20)).replace(second=0, microsecond=0)
    services.shift_create(actor=officer, team=team, kind="duty", title="Tuần tra khu chợ", place="Chợ Tân Ninh",
                          starts_at=soon, ends_at=soon + datetime.timedelta(hours=4), members=recognised[:2])
    _past_month(team, recognised, today)
    services.task_give(actor=officer, team=team, member=leader, kind="verification", given_on=today,
                       description="Xác minh thông tin về hai người lạ thuê trọ ở hẻm 8",
                       due_on=today + datetime.timedelta(days=7))
    _tasks_and_ratings(officer, commune, teams, today)
    context["log"]("  forces: a month of patrols (one no-show), tasks and ratings of two years, "
                   f"the phone page for {username}")


def _past_month(team, members, today) -> None:
    """Last month's patrols as the records stand: the services act only in the present (a member signs on now,
    not last month), so the history is written directly — every member signed on and off, one no-show, one
    dispute seen on patrol waiting for the commune police."""
    from antq.forces.models import Assignment, Incident, Shift

    made = []
    turn = 0
    for back in range(30, 0, -1):
        day = today - datetime.timedelta(days=back)
        if day.isoweekday() not in (1, 3, 5, 6):
            continue
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(22)))
        shift = Shift.objects.create(team=team, commune_id=team.commune_id, province_id=team.province_id,
                                     kind="night_patrol", title="Tuần tra đêm", place="Các tuyến hẻm khu phố",
                                     starts_at=starts, ends_at=starts + datetime.timedelta(hours=4))
        for k in range(2):
            member = members[(turn + k) % len(members)]
            missed = back == 9 and k == 1  # confirmed, never came
            made.append(Assignment(
                shift=shift, member=member, state="confirmed", answered_at=starts - datetime.timedelta(days=1),
                signed_on_at=None if missed else starts - datetime.timedelta(minutes=5),
                signed_off_at=None if missed else starts + datetime.timedelta(hours=4, minutes=3),
                seen="" if missed else "Không có gì bất thường", done="" if missed else "Nhắc hộ dân khóa cổng"))
        turn += 2
    Assignment.objects.bulk_create(made)
    seen = next(a for a in Assignment.objects.filter(shift__team=team, signed_on_at__isnull=False)
                .order_by("-shift__starts_at"))
    Incident.objects.create(assignment=seen, commune_id=team.commune_id, province_id=team.province_id,
                            kind="dispute", description="Hai hộ cãi nhau về lối đi chung, có lời lẽ đe dọa",
                            place="Hẻm 14", reported_at=seen.signed_on_at + datetime.timedelta(hours=1))


def _tasks_and_ratings(officer, commune, teams, today) -> None:
    """Two years of tasks with their outcomes and the chairman's decided ratings; this year's tasks under way."""
    for year in (today.year - 2, today.year - 1, today.year):
        for index, team in enumerate(teams):
            members = list(team.members.filter(state="recognised").order_by("full_name"))
            total = 20 if year < today.year else 6
            done = total - (1 if index != 1 else 6)  # the second team completed fewer
            first = team.decided_on.month + 1 if year == team.decided_on.year else 1
            for n in range(total):
                given = datetime.date(year, first + (n * (12 - first)) // total, 5 + n % 20)
                if given > today:
                    continue
                ready = [m for m in members if m.recognised_on <= given]
                task = services.task_give(actor=officer, team=team, member=ready[n % len(ready)] if ready and n % 3
                                          else None, kind=KINDS[n % 4], description=f"{TASKS[n % 4]} số {n + 1}",
                                          given_on=given, due_on=given + datetime.timedelta(days=7))
                if year < today.year or given + datetime.timedelta(days=7) < today:
                    services.task_close(actor=officer, task=task, outcome="done" if n < done else "not_done",
                                        outcome_note="Đã hoàn thành" if n < done else "Không kịp thực hiện",
                                        closed_on=min(given + datetime.timedelta(days=5), today))
        if year == today.year:
            continue
        for rating in services.ratings_draft(actor=officer, commune=commune, year=year):
            services.rating_review(actor=officer, rating=rating, grade=rating.draft_grade)
        services.ratings_decide(actor=officer, commune=commune, year=year, decision_number=f"{90 + year % 10}/QĐ-UBND",
                                decided_on=datetime.date(year, 12, 20))


def build_community(context: dict) -> None:
    """Training, allowances, equipment and the community in Tân Ninh: last year's plan and courses (one member
    of the third team never trained), the province's rates and three months paid, a torch out with a member, two
    self-managed groups and three people of prestige the Front introduced, with what they took part in."""
    from antq.forces.models import AllowanceRate, Course

    officer = User.objects.filter(username="congan.tanninh").first()
    front = User.objects.filter(username="mttq.tanninh").first()
    commune = next((c for c in context["communes"] if c.code == "25459"), None)
    if officer is None or front is None or commune is None or Course.objects.filter(commune=commune).exists():
        return
    today = timezone.localdate()
    for year in (today.year - 1, today.year):
        services.training_plan_save(actor=officer, commune=commune, year=year, courses_planned=2,
                                    content="Lớp nghiệp vụ tuần tra, kiểm soát; lớp phòng cháy, chữa cháy và cứu nạn",
                                    approved_on=datetime.date(year, 1, 10))
    members = list(Member.objects.filter(commune=commune, state="recognised").select_related("team")
                   .order_by("team__name", "full_name"))
    for title, back in [("Phòng cháy, chữa cháy, cứu nạn", 400), ("Nghiệp vụ tuần tra, kiểm soát", 60)]:
        day = today - datetime.timedelta(days=back)
        course = services.course_create(actor=officer, commune=commune, title=title, trainer="Công an phường",
                                        content=f"{title}: lý thuyết và thực hành tại địa bàn", place="Hội trường UBND",
                                        starts_on=day, ends_on=day + datetime.timedelta(days=2), required=True)
        if course.ends_on < today:
            services.attendance_record(actor=officer, course=course, results={
                m: "absent" if m.full_name == "Ngô Thị Hạnh" else "passed" for m in members})
    for role, amount in (("leader", 1_490_000), ("deputy", 1_341_000), ("member", 1_192_000)):
        AllowanceRate.objects.get_or_create(
            province_id=commune.parent_id, role=role, valid_from=datetime.date(2024, 7, 1),
            defaults={"monthly_amount": amount, "insurance_amount": 70_200, "unconfirmed": True,
                      "source": "Nghị quyết HĐND tỉnh Tây Ninh về mức hỗ trợ lực lượng bảo vệ ANTT ở cơ sở (mẫu)"})
    for back in (3, 2, 1):
        month = add_months(today.replace(day=1), -back)
        services.allowances_pay(actor=officer, commune=commune, month=month,
                                paid_on=month + datetime.timedelta(days=27))
    services.equipment_issue(actor=officer, member=members[0], item="Đèn pin sạc", quantity=1,
                             issued_on=datetime.date(2025, 1, 5), note="Số hiệu ĐP-012")
    areas = list(AdminUnit.objects.current().filter(parent=commune, level__code="residential_area")
                 .order_by("search_name"))
    groups = [services.group_create(actor=front, commune=commune, area=areas[i], name=f"Tổ tự quản số {i + 1}",
                                    leader_name=leader, households=households, set_up_on=datetime.date(2023, 5, 1))
              for i, (leader, households) in enumerate([("Lê Văn Tư", 42), ("Trần Thị Sáu", 37)])]
    for name, kind, area, group, took in [
            ("Nguyễn Văn Bảy", "elder", 0, 0, ("mediation", "Cùng tổ hòa giải giải quyết tranh chấp lối đi chung")),
            ("Hòa thượng Thích Minh Tâm", "religious", 0, 0, ("mobilisation", "Vận động phật tử giữ trật tự lễ hội")),
            ("Phạm Văn Chiến", "veteran", 1, 1, ("forum", "Phát biểu tại diễn đàn khu phố về ma túy"))]:
        person = services.prestige_introduce(actor=front, commune=commune, area=areas[area], full_name=name, kind=kind,
                                             phone="", introduced_on=datetime.date(2025, 2, 1), groups=[groups[group]])
        services.participation_record(actor=front, person=person, kind=took[0], on=datetime.date(2026, 3, 15),
                                      note=took[1])
    context["log"]("  forces: training, allowances, equipment, self-managed groups and people of prestige")
