// ogc-client-check.mjs reads a running landcat with @camptocamp/ogc-client
// 1.3, as a web map application would, and prints what the library made
// of it as one JSON object. Run by cmd/landcat/ogcclient_test.go, which
// compares it with the API:
//
//   node .ci/tools/ogc-client-check.mjs BASE_URL
//
//   collections  the feature collections the endpoint lists
//   info         per collection, the queryable and sortable names
//   page         a filtered (status=available), sorted (-lease_price,id)
//                and bbox-limited page of parcels, fetched the way the
//                library builds it (it sends skipGeometry=false): its
//                URL, ids, lease prices, statuses and geometry types
//   bare         the first page of parcels with skipGeometry=true: URL,
//                ids, geometries and properties
//   requests     every request the library sent, with its status
//
// Node 20's own fetch is used (the library falls back to node-fetch only
// where there is none); it is wrapped here to record the requests.
import { OgcApiEndpoint } from '@camptocamp/ogc-client';

const base = process.argv[2];
if (!base) {
  console.error('usage: node ogc-client-check.mjs BASE_URL');
  process.exit(2);
}

const requests = [];
const nodeFetch = globalThis.fetch;
globalThis.fetch = async (url, options) => {
  const resp = await nodeFetch(url, options);
  requests.push({ url: String(url), status: resp.status });
  return resp;
};

const BBOX = [106.6, 20.7, 106.9, 20.95];
const SORT = ['-lease_price_usd_m2', 'id'];

const endpoint = new OgcApiEndpoint(base);
const out = { title: (await endpoint.info).title, info: {} };
out.collections = await endpoint.featureCollections;
for (const id of out.collections) {
  const info = await endpoint.getCollectionInfo(id);
  out.info[id] = {
    queryables: info.queryables.map((q) => q.name),
    sortables: info.sortables.map((s) => s.name),
    sortableTypes: Object.fromEntries(info.sortables.map((s) => [s.name, s.type])),
  };
}

// getCollectionItems(collection, limit, offset, skipGeometry, sortBy, bbox,
// properties, dateTime, query): skipGeometry comes before sortBy and the
// bbox, so a caller passes false to reach them.
const pageArgs = ['parcels', 7, 0, false, SORT, BBOX, null, null, 'status=available'];
const page = await endpoint.getCollectionItems(...pageArgs);
out.page = {
  url: await endpoint.getCollectionItemsUrl('parcels', {
    limit: 7, offset: 0, skipGeometry: false, sortBy: SORT, extent: BBOX, query: 'status=available', asJson: true,
  }),
  ids: page.map((f) => f.id),
  leasePrices: page.map((f) => f.properties.lease_price_usd_m2),
  statuses: page.map((f) => f.properties.status),
  geometryTypes: page.map((f) => (f.geometry ? f.geometry.type : null)),
};

const bare = await endpoint.getCollectionItems('parcels', 10, 0, true);
out.bare = {
  url: await endpoint.getCollectionItemsUrl('parcels', { limit: 10, offset: 0, skipGeometry: true, asJson: true }),
  ids: bare.map((f) => f.id),
  geometries: bare.map((f) => f.geometry),
  properties: bare.map((f) => f.properties),
};
out.requests = requests;
console.log(JSON.stringify(out));
