// Command mkdemo writes the embedded Hai Phong demo catalogue
// (internal/demo/data/*.geojson) from the tables in this directory.
//
// The tables transcribe public material compiled for the demo (zones,
// infrastructure, market figures, anchor parcels); geometry is
// schematic. Run it from internal/demo with `go generate` (see demo.go) or
//
//	go run ./internal/mkdemo -out data
//
// It checks the catalogue (rings closed and counter-clockwise, parks
// disjoint, parcels inside their zone and disjoint) before writing.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "data", "output directory")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkdemo:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	zones, err := buildZones()
	if err != nil {
		return err
	}
	infra := buildInfra()
	parcels, err := buildParcels(zones, infra)
	if err != nil {
		return err
	}
	if err := checkZones(zones); err != nil {
		return err
	}
	files := []struct {
		name, desc string
		feats      []feature
	}{
		{"zones.geojson", descZones, featuresOfZones(zones)},
		{"infrastructure.geojson", descInfra, infra},
		{"parcels.geojson", descParcels, featuresOfParcels(parcels)},
	}
	for _, f := range files {
		if err := writeCollection(filepath.Join(dir, f.name), f.desc, f.feats); err != nil {
			return err
		}
	}
	return nil
}

const (
	descZones = "Demonstration data with approximate figures: Hai Phong economic zones, free trade zone and " +
		"industrial parks. Geometry is schematic (no surveyed boundaries); declared areas and facts follow " +
		"public sources named per feature, values marked estimated or illustrative are not real offers."
	descInfra = "Demonstration data with approximate figures: ports, airports, expressways, railway, substations, " +
		"power plant and hazardous facilities around Hai Phong. Positions and capacities follow public sources " +
		"named per feature; estimated positions are ±0.02°, lines are schematic."
	descParcels = "Demonstration data with approximate figures: illustrative land parcels in Hai Phong industrial " +
		"parks. Prices, statuses and utility figures are invented for demonstration (data_quality " +
		"illustrative) and are not real offers; geometry is schematic."
)
