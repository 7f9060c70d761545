from django.urls import path

from items import views

urlpatterns = [
    path("healthz", views.healthz),
    path("items", views.items_page),
]
