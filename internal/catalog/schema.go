package catalog

// Collection names one of the three feature collections.
type Collection string

// The collections landcat publishes.
const (
	Zones          Collection = "zones"
	Parcels        Collection = "parcels"
	Infrastructure Collection = "infrastructure"
)

// Collections lists every collection in load order: zones before parcels
// (parcels reference zones) and infrastructure before parcels (distances).
var Collections = []Collection{Zones, Infrastructure, Parcels}

// ParseCollection returns the collection named s.
func ParseCollection(s string) (Collection, bool) {
	switch c := Collection(s); c {
	case Zones, Parcels, Infrastructure:
		return c, true
	}
	return "", false
}

// Type is the JSON type of a property.
type Type int

// Property types. Dates are "YYYY-MM-DD" strings; lists are string arrays.
const (
	String Type = iota
	Number
	Integer
	Bool
	Date
	StringList
	Timestamp // RFC 3339, server-set
)

// Field describes one feature property: its type, rules and meaning. The
// field tables below are the single source for validation, queryables and
// documentation.
type Field struct {
	Name     string
	Type     Type
	Title    string
	Enum     []string   // allowed values (for String and StringList)
	Min      *float64   // inclusive lower bound for numbers
	Max      *float64   // inclusive upper bound for numbers
	Required bool       // must be present on input
	Computed bool       // set by the server; ignored on input
	Inherit  bool       // a parcel may leave it empty to inherit its zone's value
	Ref      Collection // the value is the id of a feature of this collection
}

// Schema is the ordered list of a collection's properties.
type Schema struct {
	Collection Collection
	Fields     []Field
	index      map[string]int
}

// Field returns the field called name.
func (s *Schema) Field(name string) (Field, bool) {
	i, ok := s.index[name]
	if !ok {
		return Field{}, false
	}
	return s.Fields[i], true
}

// Index returns the position of the field called name, or -1.
func (s *Schema) Index(name string) int {
	if i, ok := s.index[name]; ok {
		return i
	}
	return -1
}

// SchemaOf returns the schema of collection c.
func SchemaOf(c Collection) *Schema { return schemas[c] }

func f(v float64) *float64 { return &v }

var (
	zero = f(0)

	// Enumerations of the published interface (values clients filter on).
	DataQualities   = []string{"verified", "secondary", "estimated", "illustrative"}
	ZoneKinds       = []string{"industrial_park", "economic_zone", "free_trade_zone", "industrial_cluster"}
	PlanningStages  = []string{"in_master_plan", "zoning_approved", "investment_policy_approved", "established", "under_construction", "operating"}
	EcoParkStates   = []string{"certified", "pilot", "none"}
	ParcelStatuses  = []string{"available", "reserved", "leased", "in_preparation"}
	Sectors         = []string{"high_tech", "green_industry", "logistics", "data_center", "light_industry", "heavy_industry", "chemicals", "services", "energy"}
	FloodRisks      = []string{"low", "medium", "high"}
	InfraKinds      = []string{"seaport", "airport", "expressway_interchange", "expressway", "railway_station", "railway", "substation", "transmission_line", "power_plant", "hazard", "road"}
	InfraStatuses   = []string{"operational", "under_construction", "planned"}
	PublicationList = []string{string(Draft), string(InReview), string(Published), string(Archived)}
)

// common fields shared by every collection. Names are looked up per language
// (name_vi, name_en, ...); "name" is the chosen language's and is computed.
var common = []Field{
	{Name: "code", Type: String, Title: "Code used by the agency", Required: true},
	{Name: "name", Type: String, Title: "Name in the requested language", Computed: true},
	{Name: "name_vi", Type: String, Title: "Name in Vietnamese", Required: true},
	{Name: "name_en", Type: String, Title: "Name in English", Required: true},
	{Name: "name_ko", Type: String, Title: "Name in Korean"},
	{Name: "name_ja", Type: String, Title: "Name in Japanese"},
	{Name: "name_zh", Type: String, Title: "Name in Chinese"},
	{Name: "publication", Type: String, Title: "Publication state", Enum: PublicationList, Computed: true},
	{Name: "data_quality", Type: String, Title: "How far the figures were verified", Enum: DataQualities},
	{Name: "source", Type: String, Title: "Where the figures come from"},
	{Name: "verified_at", Type: Date, Title: "When the figures were last verified"},
	{Name: "updated_at", Type: Timestamp, Title: "Last change", Computed: true},
	{Name: "revision", Type: Integer, Title: "Catalogue revision of the last change", Computed: true},
}

// utilities are the specs a parcel may inherit from its zone.
var utilities = []Field{
	{Name: "power_capacity_mva", Type: Number, Title: "Power capacity reservable (MVA)", Min: zero, Inherit: true},
	{Name: "power_voltage_kv", Type: Number, Title: "Supply voltage (kV)", Min: zero, Inherit: true},
	{Name: "power_dual_feed", Type: Bool, Title: "Fed from two independent substations", Inherit: true},
	{Name: "power_feed_substations", Type: StringList, Title: "Feeding substations", Inherit: true},
	{Name: "water_m3_day", Type: Number, Title: "Clean water available (m³/day)", Min: zero, Inherit: true},
	{Name: "wastewater_m3_day", Type: Number, Title: "Wastewater treatment available (m³/day)", Min: zero, Inherit: true},
	{Name: "fibre_carriers", Type: Integer, Title: "Distinct fibre carriers at the fence", Min: zero, Inherit: true},
}

// DistanceKinds are the infrastructure classes a parcel's distances are
// computed to, in output order.
var DistanceKinds = []string{"seaport", "deepsea_port", "airport", "expressway", "substation", "hazard"}

func distanceFields() []Field {
	var out []Field
	for _, k := range DistanceKinds {
		out = append(out,
			Field{Name: "distance_" + k + "_km", Type: Number, Title: "Geodesic distance to the nearest operational " + k + " (km)", Computed: true},
			Field{Name: "nearest_" + k, Type: String, Title: "Id of the nearest operational " + k, Computed: true, Ref: Infrastructure})
	}
	return out
}

var schemas = map[Collection]*Schema{
	Zones: newSchema(Zones, common, []Field{
		{Name: "kind", Type: String, Title: "Kind of zone", Enum: ZoneKinds, Required: true},
		{Name: "developer", Type: String, Title: "Developer or operator"},
		{Name: "official_area_ha", Type: Number, Title: "Declared area in the legal decision (ha)", Min: zero},
		{Name: "area_ha", Type: Number, Title: "Geodesic area of the drawn boundary (ha)", Computed: true},
		{Name: "planning_stage", Type: String, Title: "Planning stage", Enum: PlanningStages},
		{Name: "economic_zone_id", Type: String, Title: "Economic zone the zone belongs to", Ref: Zones},
		{Name: "eco_industrial_park", Type: String, Title: "Eco-industrial park status", Enum: EcoParkStates},
		{Name: "bonded", Type: Bool, Title: "Bonded / non-tariff area"},
	}, utilities),
	Parcels: newSchema(Parcels, common, []Field{
		{Name: "zone_id", Type: String, Title: "Zone the parcel lies in", Required: true, Ref: Zones},
		{Name: "status", Type: String, Title: "Commercial status", Enum: ParcelStatuses, Required: true},
		{Name: "available_from", Type: Date, Title: "Land handover date"},
		{Name: "area_ha", Type: Number, Title: "Geodesic area (ha)", Computed: true},
		{Name: "land_use", Type: String, Title: "Permitted land use"},
		{Name: "sectors", Type: StringList, Title: "Sectors allowed", Enum: Sectors},
		{Name: "lease_price_usd_m2", Type: Number, Title: "Land price for the remaining term (USD/m², one-off)", Min: zero},
		{Name: "lease_until", Type: Date, Title: "End of the park's land term"},
		{Name: "lease_term_remaining_years", Type: Number, Title: "Years left until lease_until", Computed: true},
		{Name: "management_fee_usd_m2_year", Type: Number, Title: "Management fee (USD/m²/year)", Min: zero},
	}, utilities, []Field{
		{Name: "flood_risk", Type: String, Title: "Flood risk class", Enum: FloodRisks},
		{Name: "elevation_m", Type: Number, Title: "Platform elevation above national datum (m)", Min: f(-100), Max: f(9000)},
		{Name: "ready_built", Type: Bool, Title: "Ready-built factory or warehouse"},
		{Name: "bonded", Type: Bool, Title: "Bonded / non-tariff area"},
		{Name: "inherited", Type: StringList, Title: "Properties whose value comes from the zone", Computed: true},
	}, distanceFields()),
	Infrastructure: newSchema(Infrastructure, common, []Field{
		{Name: "kind", Type: String, Title: "Kind of infrastructure", Enum: InfraKinds, Required: true},
		{Name: "status", Type: String, Title: "Operational status", Enum: InfraStatuses, Required: true},
		{Name: "operator", Type: String, Title: "Operator"},
		{Name: "max_vessel_dwt", Type: Number, Title: "Largest vessel (DWT), seaports", Min: zero},
		{Name: "depth_m", Type: Number, Title: "Channel or berth depth (m), seaports", Min: zero},
		{Name: "capacity_mva", Type: Number, Title: "Installed capacity (MVA), substations", Min: zero},
		{Name: "voltage_kv", Type: Number, Title: "Voltage (kV), substations and lines", Min: zero},
	}),
}

func newSchema(c Collection, groups ...[]Field) *Schema {
	s := &Schema{Collection: c, index: map[string]int{}}
	for _, g := range groups {
		for _, fl := range g {
			s.index[fl.Name] = len(s.Fields)
			s.Fields = append(s.Fields, fl)
		}
	}
	return s
}
