package dataio

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/geo"
)

var (
	prjAuthority = regexp.MustCompile(`AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$`)
	prjParameter = regexp.MustCompile(`(?i)PARAMETER\[\s*"([a-z_ ]+)"\s*,\s*([-+0-9.eE]+)\s*\]`)
)

// prjEPSG names the EPSG code of a Shapefile's .prj (WKT 1, in GDAL's or
// Esri's dialect) among those landcat transforms: the code itself when the
// WKT ends with its EPSG authority, else WGS 84 or VN-2000 (geographic, or
// Transverse Mercator told apart by central meridian and scale: TM-3
// 105°30′, TM-3 105°45′, UTM 48N, UTM 49N).
func prjEPSG(wkt string) (int, error) {
	wkt = strings.TrimSpace(wkt)
	if m := prjAuthority.FindStringSubmatch(wkt); m != nil {
		code, _ := strconv.Atoi(m[1])
		return code, nil
	}
	upper := strings.ToUpper(wkt)
	vn := strings.Contains(upper, "VN_2000") || strings.Contains(upper, "VN-2000") || strings.Contains(upper, "VN 2000") || strings.Contains(upper, "VIETNAM_2000")
	wgs := strings.Contains(upper, "WGS_1984") || strings.Contains(upper, "WGS 84") || strings.Contains(upper, "WGS84")
	switch {
	case strings.HasPrefix(upper, "GEOGCS") && vn:
		return geo.EPSGVN2000, nil
	case strings.HasPrefix(upper, "GEOGCS") && wgs:
		return geo.EPSGWGS84, nil
	case strings.HasPrefix(upper, "PROJCS") && vn:
		params := map[string]float64{}
		for _, m := range prjParameter.FindAllStringSubmatch(wkt, -1) {
			v, err := strconv.ParseFloat(m[2], 64)
			if err == nil {
				params[strings.ToLower(strings.ReplaceAll(m[1], " ", "_"))] = v
			}
		}
		cm, k := params["central_meridian"], params["scale_factor"]
		for _, c := range []struct {
			cm, k float64
			code  int
		}{{105.75, 0.9999, geo.EPSGVN2000TM10545}, {105.5, 0.9999, geo.EPSGVN2000TM10530}, {105, 0.9996, geo.EPSGVN2000UTM48N}, {111, 0.9996, geo.EPSGVN2000UTM49N}} {
			if math.Abs(cm-c.cm) < 1e-9 && math.Abs(k-c.k) < 1e-9 {
				return c.code, nil
			}
		}
		return 0, fmt.Errorf("the .prj is a VN-2000 projection with central meridian %v and scale %v, which landcat does not know (it knows TM-3 105°45′ and 105°30′, UTM 48N and 49N)", cm, k)
	}
	name := upper
	if i := strings.IndexByte(name, ','); i > 0 {
		name = name[:i]
	}
	return 0, fmt.Errorf("the .prj names a coordinate system landcat does not transform (%s); use WGS 84 or VN-2000", strings.TrimSpace(name)+"]")
}
