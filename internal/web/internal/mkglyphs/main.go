// Command mkglyphs writes the map page's label glyphs: signed distance
// field (SDF) bitmaps in MapLibre's glyph protobuf layout, one file per
// font stack and 256-code-point range, assets/glyphs/{fontstack}/{start}-{end}.pbf.
//
// The glyphs are rasterised from Noto Sans (Debian fonts-noto-core, SIL
// Open Font License 1.1) at 24 px, MapLibre's size for server glyphs, with
// a 3-pixel buffer and an 8-pixel radius, and only the ranges labels need:
// Latin, Latin Extended, combining marks, Vietnamese (Latin Extended
// Additional) and punctuation. Korean, Japanese and Chinese glyphs are
// added from Noto Sans CJK (fonts-noto-cjk) for exactly the characters of
// the ko/ja/zh names in the demo catalogue (-cjk-from), so that the
// ranges stay small. Run from the repository root (`make glyphs`):
//
//	go run ./internal/web/internal/mkglyphs -out internal/web/assets/glyphs
//
// The output is committed; the build does not need the fonts.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/image/font/sfnt"
)

// ranges are the first code points of the 256-code-point ranges written
// for every stack.
var ranges = []rune{0x0000, 0x0100, 0x0200, 0x0300, 0x1E00, 0x2000}

// stack is one font stack: its name in the style's text-font and its font.
type stack struct {
	name, path, cjk string
}

func main() {
	out := flag.String("out", "internal/web/assets/glyphs", "output directory")
	fonts := flag.String("fonts", "/usr/share/fonts/truetype/noto", "directory of NotoSans-Regular.ttf and NotoSans-Bold.ttf")
	cjkFont := flag.String("cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK collection, for ko/ja/zh names")
	cjkFrom := flag.String("cjk-from", "internal/demo/data", "GeoJSON files whose name_ko, name_ja and name_zh need glyphs")
	flag.Parse()
	stacks := []stack{
		{"NotoSans-Regular", filepath.Join(*fonts, "NotoSans-Regular.ttf"), *cjkFont},
		{"NotoSans-Bold", filepath.Join(*fonts, "NotoSans-Bold.ttf"), *cjkFont},
	}
	if err := run(*out, stacks, *cjkFrom); err != nil {
		fmt.Fprintln(os.Stderr, "mkglyphs:", err)
		os.Exit(1)
	}
}

func run(out string, stacks []stack, cjkFrom string) error {
	cjkRunes, err := namesRunes(cjkFrom)
	if err != nil {
		return err
	}
	for _, st := range stacks {
		f, err := loadFont(st.path)
		if err != nil {
			return err
		}
		byRange := map[rune][]rune{}
		for _, start := range ranges {
			for r := start; r < start+256; r++ {
				byRange[start] = append(byRange[start], r)
			}
		}
		var cjk *sfnt.Font
		for _, r := range cjkRunes {
			if has(f, r) {
				continue // Noto Sans has it (e.g. a Latin letter in a name)
			}
			if cjk == nil {
				if cjk, err = loadFont(st.cjk); err != nil {
					return fmt.Errorf("ko/ja/zh names need %s: %w", st.cjk, err)
				}
			}
			start := r &^ 0xFF
			byRange[start] = append(byRange[start], r)
		}
		dir := filepath.Join(out, st.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		var starts []rune
		for s := range byRange {
			starts = append(starts, s)
		}
		sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
		total := 0
		for _, s := range starts {
			body, n, err := encodeRange(st.name, s, byRange[s], f, cjk)
			if err != nil {
				return err
			}
			if n == 0 {
				continue
			}
			name := filepath.Join(dir, fmt.Sprintf("%d-%d.pbf", s, s+255))
			if err := os.WriteFile(name, body, 0o644); err != nil {
				return err
			}
			total += len(body)
			fmt.Printf("%s: %d glyphs, %d bytes\n", name, n, len(body))
		}
		fmt.Printf("%s: %d bytes in all\n", st.name, total)
	}
	return nil
}
