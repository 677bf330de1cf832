"""The product's URLs plus the benchmark's two floors: parse the JSON body, one INSERT, answer 201 —
written out in SQL, and through a model as a Django view usually does."""

import json

from django.db import connection, models
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


class Ping(models.Model):
    """bench_ping, created by the benchmark itself (not a migration of the product)."""

    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "core"
        db_table = "bench_ping"
        managed = False

    def __str__(self):
        return str(self.pk)


@csrf_exempt
def minimal(request):
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_ping (body, created_at) VALUES (%s, now()) RETURNING id",
                       [body["description"]])
        (pk,) = cursor.fetchone()
    return JsonResponse({"id": pk}, status=201)


@csrf_exempt
def minimal_orm(request):
    body = json.loads(request.body)
    ping = Ping.objects.create(body=body["description"])
    return JsonResponse({"id": ping.pk}, status=201)


urlpatterns = [path("bench/minimal/", minimal), path("bench/minimal-orm/", minimal_orm), path("", include("antq.urls"))]
