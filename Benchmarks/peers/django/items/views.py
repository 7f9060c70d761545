from django.http import HttpResponse
from django.shortcuts import render

from .models import Item


def healthz(request):
    return HttpResponse(b'{"status":"ok"}', content_type="application/json")


def items_page(request):
    # The same query as the Vapor ItemController.page: newest first, at most 200.
    items = Item.objects.order_by("-created_at")[:200]
    return render(request, "items/index.html", {"title": "Items", "items": items})
