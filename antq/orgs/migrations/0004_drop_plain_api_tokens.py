from django.db import migrations


def drop_plain_tokens(apps, schema_editor):
    """DRF's tokens kept the key itself in the database; API tokens are now hashed (knox): the old ones go."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS authtoken_token")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_establishment"), ("knox", "0009_extend_authtoken_field")]
    operations = [migrations.RunPython(drop_plain_tokens, migrations.RunPython.noop)]
