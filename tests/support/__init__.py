"""The one place of the tests' helpers (issue 14); tests/unit/test_test_support.py keeps it so.

- dialogue.py: `surface("console" | "slack" | "teams", ...)`, one person talking to DX Desk with
  say / press / command / receive / text() on every platform; `Person`, the in-process console
  person, for dialogues that read the replies themselves.
- people.py: `add_person`, the one way to register someone with a role and a department.
- platforms.py: the one Slack and the one Teams set-up (fixtures `slack_api`, `start_slack`,
  `connector`, `start_teams`, registered in tests/conftest.py; `serve_slack`, `serve_teams`).
- admin.py, checkins.py, assessment.py, meetings.py: each job's test data and helpers.

The fakes themselves (servers, not patches) are in tests/fakes/. The old modules tests/dialogue.py,
tests/admin_data.py, tests/checkins_fakes.py, tests/assessment_fakes.py and tests/meetings_support.py
are one-line re-exports of these, for tests written against them.
"""
