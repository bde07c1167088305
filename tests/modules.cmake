# One line per module test folder (kept apart so parallel work adds lines, not conflicts).
aups_add_tests(core LIBS aups_core)
