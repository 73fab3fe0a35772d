// Package match is landcat's site matcher: it ranks the published parcels
// of a read-model snapshot against an investor's requirements and says
// why every other parcel does not fit. It is pure (no I/O) and works on
// readmodel.Snapshot alone; the HTTP layer decodes with ParseRequest
// (checking zone ids against PublishedZones of the snapshot), calls
// Cache.Match and encodes the Result (JSON, or GeoJSON with
// Result.AppendFeatureCollection).
//
// # Speed
//
// Matching scans columns, not features: an Index lays out the published
// parcels of one snapshot as one array per property a requirement or
// weight can name (numbers with NaN for unknown, flags, encoded dates,
// enumerations and sector sets), so each requirement is one tight loop
// over contiguous memory and records failures in a bit mask per parcel.
// Only the ranked parcels and, when asked, the excluded parcels' reasons
// go back to the features. The index is built once per snapshot (Cache
// keeps the latest); Match(s, r) builds a throwaway one.
//
// # Funnel
//
// Site selection eliminates on hard constraints first, then ranks what
// survives. Every requirement is tested on every published parcel (the
// "considered" ones); a parcel failing any is excluded, listing every
// requirement it fails (Excluded.Reasons), so "why not this site?" always
// has a complete answer. A parcel whose value for a requirement is
// unknown (null: not published, nothing inherited from the zone) fails it
// with Unknown set: an unconfirmed figure is never passed silently. The
// funnel counts, per requirement, the parcels it eliminated (a parcel
// failing three requirements counts in all three), how many of those were
// unknown, and how many failed that requirement only, i.e. how many sites
// relaxing it alone would add: the figure the city needs to decide where
// to invest in power, water or roads.
//
// Requirement semantics: minimums and maximums are inclusive; flags
// (power_dual_feed, ready_built, bonded) true mean the parcel must have
// it, false means "not required" (and removes a profile's flag);
// available_by and available_within_months compare available_from with a
// date (the snapshot's day plus the months); flood_risk_at_most orders
// low < medium < high; statuses and zones accept any listed value; sectors
// requires the parcel to allow every listed sector (a project that is both
// logistics and data_center needs both); within keeps parcels that share
// at least one point with the polygon (planar in lon/lat, as bbox queries).
// Distances are the read model's geodesic km to the nearest operational
// feature; max_distance_km.hazard does not exist (nobody requires a
// hazard nearby).
//
// # Profiles and overrides
//
// A request's sector selects a Profile whose requirements and weights
// are defaults; the request's own override them field by field. JSON null
// removes a profile requirement ("min_distance_km": {"hazard": null}, or
// a whole group with "max_distance_km": null), false removes a profile
// flag, and weight 0 (or null) removes a profile weight. The Result echoes
// the effective requirements and weights.
//
// # Scoring
//
// Each weighted criterion (a numeric parcel property, WeightCatalogue)
// maps a survivor's effective value to a utility in [0,1], min–max
// normalised over the survivors' known values: (v−lo)/(hi−lo) when more is
// better (power, water, fibre, voltage, elevation, remaining term, area,
// distance from hazards), (hi−v)/(hi−lo) when less is better (price, fee,
// every other distance); 1 for all when every known value is the same.
// An unknown value scores 0 and says so. Utilities are monotone on
// purpose: a target band for area would reward a worse value over a
// better one, and the area bounds are hard requirements already. The
// total is the weighted mean of the utilities (1 when nothing is
// weighted), rounded to 6 decimals; results are ordered by total
// descending, then id ascending. Hence: improving a parcel on a criterion
// never lowers its rank, a parcel at least as good on every criterion
// never ranks lower, and adding weight to a criterion never lowers the
// parcel best on it. Because normalisation is relative to the survivors,
// adding or removing another site can reorder two others (a known pitfall
// of min–max and TOPSIS); each criterion's explanation therefore states
// the scale it was measured on ("0.33 on a scale from 30 MVA (0) to 120
// MVA (1) across the 6 matching sites").
//
// # Bounded cost
//
// No request may cost more than the catalogue's size dictates, however it
// is written (limits.go): ParseRequest refuses lists longer than MaxZones
// or their enumeration, zone ids that are not published in the snapshot
// (ZoneSet), within areas of more than 10,000 vertices (counted before
// validation) and weights outside 0–MaxWeight, and lists at most 50
// problems. Match counts every excluded parcel but builds only the first
// ExcludedLimit (by id); a reason shows at most 5 values of a list, so its
// size does not grow with the request. Scores are computed on weight
// shares and halved differences, so no weight or value gives NaN or Inf.
//
// # Site assembly
//
// A large project often needs several adjacent plots of one zone. With
// Request.Assembly set, the matcher also ranks groups of parcels: members
// are on offer (available or in preparation), of the same zone, and each
// linked to another by touching or by a gap of at most max_gap_m
// (geodesic metres: an internal road). Adjacency is computed once per
// snapshot up to MaxAssemblyGapM from the parcels' geometries, through
// the snapshot's R-tree and geo.DistanceKm; a request keeps the edges
// within its gap.
//
// Requirements apply to the group by one table of aggregation rules
// (aggregate.go): area, reservable power, water and wastewater add up (a
// value a member inherits from the zone counts once: the zone's figure is
// shared); distances are the union's (the nearest member); price and fee
// are area-weighted; remaining term, voltage, fibre and elevation are the
// lowest member's; handover is the latest and flood risk the worst; flags,
// statuses, zones, sectors and the area of interest must hold for every
// member. So every member must pass the requirements whose group value is
// decided by its worst member, and the group must pass those on sums,
// weighted means and the union's distance (a maximum of a sum is both).
//
// A group is kept only if it is connected and minimal: no member can be
// dropped leaving a connected group that still qualifies. Parcels that
// qualify alone are ranked as parcels and never members. The search
// starts from every eligible parcel (a seed; per zone the
// assemblySeedsPerZone largest) and grows connected groups one member at
// a time, smallest first (of each size, the assemblyBeam largest groups
// grow further); it stops at the first size where a minimal qualifying
// group contains the seed, and keeps one: the most compact
// (members' area over their bounding box: a block beats a strip), then
// the lowest member ids. Groups that qualify are not grown, nor are those
// whose sums cannot reach a minimum with the largest values within reach
// of the seed (its ball of max_parcels−1 edges). Pruning rule:
// at most one group per seed, the same group found from several seeds
// listed once; groups may overlap (two blocks sharing a plot are two
// options an officer can offer), but there are never more groups than
// eligible parcels, so the list grows with the parcels, not with their
// combinations. Relaxing a requirement never removes a site: every result
// of the stricter request shares a parcel with a result of the relaxed one
// (a group may shrink to a subset, or a member come to qualify alone).
// Bounds: MaxAssemblyParcels members, assemblyPerSeed groups examined per
// seed, assemblyPerRequest per request shared evenly by the zones
// (AssemblyFunnel.Truncated says when a share was used up); the order of
// everything is fixed, so the answer is deterministic.
//
// Groups are scored beside parcels on the same scales (aggregated values,
// normalised over parcels and groups together), have a stable id derived
// from their members, and explain each criterion and each requirement by
// its aggregated value and rule (Ranked.Met). The funnel keeps counting
// parcels as before; Result.Assembly adds the search's own funnel
// (eligible members, seeds, groups examined, qualifying, listed, and per
// aggregate requirement the groups it eliminated), and an excluded parcel
// lists the kept groups it belongs to. A request without assembly that
// states min_area_ha and matches no parcel (a project larger than any plot
// that meets it) gets Result.AssemblyHint: how many groups of up to
// DefaultAssemblyParcels across roads of up to MaxAssemblyGapM would
// qualify, and the "assembly" member to add.
//
// # Languages
//
// Every sentence (explanations, reasons, what a group meets, group names,
// the funnel's messages, the profiles' texts) is written in Request.Lang,
// one of i18n.Languages ("" is English, as for names), from one catalogue
// of messages with named placeholders: messages_<lang>.go, which
// Messages().Check() verifies against English. Numbers, quantities, dates
// and lists follow the language (i18n.Lang). Message ids are built once
// (sentences.go) and templates compiled once, so a sentence costs one map
// lookup and one allocation for its text; structured fields never depend
// on the language.
//
// # Demand
//
// NewDemandRecord keeps a bounded summary of the effective requirements
// (DemandRequirements) and the funnel of one request (no personal data),
// at most MaxDemandRecordBytes; Summarize aggregates records over a window.
package match
