from django.contrib.auth import views as auth_views
from django.urls import path

from impsmart.accounts import views

app_name = "accounts"
urlpatterns = [
    # /accounts/
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("pengguna/", views.user_list, name="users"),
    path("pengguna/baru/", views.user_create, name="user_create"),
    path("pengguna/<int:pk>/", views.user_edit, name="user_edit"),
    path(
        "pengguna/<int:pk>/reset-kata-sandi/",
        views.user_password_reset,
        name="user_password_reset",
    ),
    path("audit/", views.audit_list, name="audit"),
]
