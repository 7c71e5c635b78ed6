from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "impsmart.api"
    verbose_name = "API"
