"""An app made of a folder and one contribution module, to show that adding an app touches
no kernel file (tests/test_contributions.py installs it)."""
