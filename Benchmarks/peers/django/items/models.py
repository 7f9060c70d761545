import uuid

from django.db import models


class Item(models.Model):
    """The generated monolith's Item: the same columns (UUID key, name, notes, done, timestamps)."""
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    notes = models.TextField(default="", blank=True)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        db_table = "items"
