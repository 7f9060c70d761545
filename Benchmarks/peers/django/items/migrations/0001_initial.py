import uuid

from django.db import migrations, models


def one_row(apps, schema_editor):
    apps.get_model("items", "Item").objects.create(name="First item", notes="Read through the ORM on every request")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=200)),
                ("notes", models.TextField(blank=True, default="")),
                ("done", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True, null=True)),
            ],
            options={"db_table": "items"},
        ),
        migrations.RunPython(one_row, migrations.RunPython.noop),
    ]
