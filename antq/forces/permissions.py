"""The forces app's permission codes (grassroots security teams, Law 30/2023/QH15)."""

VIEW_TEAM = "forces.view_team"  # the teams and their members (identity numbers only with MANAGE_TEAM)
MANAGE_TEAM = "forces.manage_team"  # the commune police: propose members, record the chairman's decisions
DO_DUTY = "forces.do_duty"  # a team member's own shifts, tasks and reports, from the phone
MANAGE_COMMUNITY = "forces.manage_community"  # the Front (and the commune police): groups, people of prestige
