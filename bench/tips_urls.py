"""The product's URLs plus the benchmark's minimal view: parse the JSON body, one INSERT, 201."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def minimal(request):
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_ping (body, created_at) VALUES (%s, now()) RETURNING id",
                       [body["description"]])
        (pk,) = cursor.fetchone()
    return JsonResponse({"id": pk}, status=201)


urlpatterns = [path("bench/minimal/", minimal), path("", include("antq.urls"))]
