#!/usr/bin/python3
"""Reads a running landcat with QGIS's own OGC API - Features provider.

Usage: qgis-check.py BASE_URL COLLECTION PROBE_IDS STATUS PAGE_SIZE

Opens COLLECTION as an OAPIF layer of BASE_URL the way QGIS Desktop does
(PyQGIS, offscreen, no profile), paging with PAGE_SIZE features a request,
and prints what QGIS made of it as one JSON object on stdout:

  version         QGIS version
  valid           whether the layer opened
  fields          {name: QGIS type name} (Real, Integer, String, ...)
  featureCount    the provider's count (numberMatched)
  iterated        features read by iterating the whole layer
  probe           {id: {field: value}} for each id of the comma-separated
                  PROBE_IDS
  filtered        features left with the subset string "status" = 'STATUS'
  filteredCount   the provider's count with that subset string

The caller (cmd/landcat/qgis_test.go) compares these with the API. This
script only observes: QGIS 3.22 guesses field types from the first page it
reads and ignores the schema the collection links to.

Run it with Debian's /usr/bin/python3 (python3-qgis), not another Python.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (QT_QPA_PLATFORM must be set first)
    Qgis,
    QgsApplication,
    QgsDataSourceUri,
    QgsFeatureRequest,
    QgsVectorLayer,
)


def plain(v):
    """A QGIS attribute value as JSON: NULL (a QVariant) becomes None."""
    if v is None or (hasattr(v, "isNull") and v.isNull()):
        return None
    if hasattr(v, "toString") and hasattr(v, "isValid"):  # QDate, QDateTime
        return v.toString(1)  # Qt.ISODate
    if isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def quote(s):
    """s as a QGIS expression string literal."""
    return "'" + s.replace("'", "''") + "'"


def layer(base, collection, page_size):
    uri = QgsDataSourceUri()
    uri.setParam("url", base)
    uri.setParam("typename", collection)
    uri.setParam("pagingEnabled", "true")
    uri.setParam("pageSize", page_size)
    return QgsVectorLayer(uri.uri(False), collection, "OAPIF")


def check(base, collection, probe_ids, status, page_size):
    out = {"version": Qgis.QGIS_VERSION}
    lyr = layer(base, collection, page_size)
    out["valid"] = lyr.isValid()
    if not lyr.isValid():
        return out
    out["fields"] = {f.name(): f.typeName() for f in lyr.fields()}
    out["featureCount"] = lyr.featureCount()
    out["iterated"] = sum(1 for _ in lyr.getFeatures())
    out["probe"] = {}
    for probe_id in probe_ids.split(","):
        req = QgsFeatureRequest().setFilterExpression("\"id\" = %s" % quote(probe_id))
        for feat in lyr.getFeatures(req):
            out["probe"][probe_id] = {f.name(): plain(feat[f.name()]) for f in lyr.fields()}

    filtered = layer(base, collection, page_size)
    out["subsetAccepted"] = filtered.setSubsetString("\"status\" = %s" % quote(status))
    out["filtered"] = sum(1 for _ in filtered.getFeatures())
    out["filteredCount"] = filtered.featureCount()
    return out


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        print(json.dumps(check(*sys.argv[1:])), flush=True)
    finally:
        app.exitQgis()


if __name__ == "__main__":
    main()
