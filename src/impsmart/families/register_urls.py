from django.urls import path

from impsmart.families import views_register

app_name = "register"
urlpatterns = [
    # /register/
    path("<str:code>/", views_register.register_page, name="page"),
    path("<str:code>/unduh.xlsx", views_register.register_xlsx, name="xlsx"),
    path("<str:code>/unduh.pdf", views_register.register_pdf, name="pdf"),
    path("<str:code>/unduh.csv", views_register.register_csv, name="csv"),
]
