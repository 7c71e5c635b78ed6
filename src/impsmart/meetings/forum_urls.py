from django.urls import path

from impsmart.meetings import forum_views

app_name = "forum"
urlpatterns = [
    # /forum/
    path("", forum_views.index, name="index"),
    path("papan/<str:code>/", forum_views.board, name="board"),
    path("topik/<int:pk>/", forum_views.thread, name="thread"),
]
