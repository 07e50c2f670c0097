from django.apps import AppConfig


class ContributedConfig(AppConfig):
    name = "tests.contributed"
    label = "contributed"
