package main

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"google.golang.org/protobuf/encoding/protowire"
)

const (
	fontSize = 24 // px: MapLibre's em for server glyphs
	buffer   = 3  // px around each bitmap
	radius   = 8  // px of distance the field spans
	cutoff   = 0.25
	inf      = 1e20 // "infinitely far", finite so that differences stay numbers
)

// loadFont reads a TrueType/OpenType font or the first font of a
// collection (Noto Sans CJK's .ttc).
func loadFont(path string) (*sfnt.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(path, ".ttc") {
		c, err := sfnt.ParseCollection(b)
		if err != nil {
			return nil, err
		}
		return c.Font(0)
	}
	return sfnt.Parse(b)
}

func has(f *sfnt.Font, r rune) bool {
	var buf sfnt.Buffer
	i, err := f.GlyphIndex(&buf, r)
	return err == nil && i != 0
}

// namesRunes returns the distinct characters of the name_ko, name_ja and
// name_zh properties of the GeoJSON files in dir.
func namesRunes(dir string) ([]rune, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.geojson"))
	if err != nil {
		return nil, err
	}
	seen := map[rune]bool{}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var fc struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, f := range fc.Features {
			for _, k := range []string{"name_ko", "name_ja", "name_zh"} {
				s, _ := f.Properties[k].(string)
				for _, r := range s {
					if r > 0x2FFF {
						seen[r] = true
					}
				}
			}
		}
	}
	out := make([]rune, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// encodeRange writes one glyphs message (a fontstack with the glyphs of
// runes that either font has) and returns it with the number of glyphs.
func encodeRange(stackName string, start rune, runes []rune, f, cjk *sfnt.Font) ([]byte, int, error) {
	faces := []font.Face{}
	for _, fo := range []*sfnt.Font{f, cjk} {
		if fo == nil {
			continue
		}
		face, err := opentype.NewFace(fo, &opentype.FaceOptions{Size: fontSize, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, 0, err
		}
		faces = append(faces, face)
	}
	fonts := []*sfnt.Font{f, cjk}
	var stack []byte
	stack = protowire.AppendTag(stack, 1, protowire.BytesType)
	stack = protowire.AppendString(stack, stackName)
	stack = protowire.AppendTag(stack, 2, protowire.BytesType)
	stack = protowire.AppendString(stack, fmt.Sprintf("%d-%d", start, start+255))
	n := 0
	for _, r := range runes {
		for i, face := range faces {
			if !has(fonts[i], r) && r != ' ' {
				continue
			}
			g, ok := glyph(face, r)
			if !ok {
				continue
			}
			stack = protowire.AppendTag(stack, 3, protowire.BytesType)
			stack = protowire.AppendBytes(stack, g)
			n++
			break
		}
	}
	var out []byte
	out = protowire.AppendTag(out, 1, protowire.BytesType)
	out = protowire.AppendBytes(out, stack)
	return out, n, nil
}

// glyph rasterises r and encodes it as a glyph message: id, SDF bitmap
// (width+2·buffer by height+2·buffer), width, height, left, top (from
// the baseline, minus the em as MapLibre expects) and advance.
func glyph(face font.Face, r rune) ([]byte, bool) {
	dr, mask, mp, adv, ok := face.Glyph(fixed.Point26_6{}, r)
	if !ok {
		return nil, false
	}
	w, h := dr.Dx(), dr.Dy()
	var bitmap []byte
	if w > 0 && h > 0 {
		bitmap = sdf(mask, mp, w, h)
	}
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(r))
	if bitmap != nil {
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendBytes(b, bitmap)
	}
	for _, v := range []struct {
		num int
		val int
		zig bool
	}{{3, w, false}, {4, h, false}, {5, dr.Min.X, true}, {6, -dr.Min.Y - fontSize, true}, {7, int(math.Round(float64(adv) / 64)), false}} {
		b = protowire.AppendTag(b, protowire.Number(v.num), protowire.VarintType)
		if v.zig {
			b = protowire.AppendVarint(b, protowire.EncodeZigZag(int64(v.val)))
		} else {
			b = protowire.AppendVarint(b, uint64(v.val))
		}
	}
	return b, true
}

// sdf returns the signed distance field of a w×h coverage mask, with the
// buffer around it: 191 (255·(1−cutoff)) on the outline, more inside,
// less outside, as MapLibre's text shader reads it. Partly covered pixels
// place the edge within the pixel (as TinySDF does).
func sdf(mask image.Image, mp image.Point, w, h int) []byte {
	W, H := w+2*buffer, h+2*buffer
	outer := make([]float64, W*H)
	inner := make([]float64, W*H)
	for i := range outer {
		outer[i], inner[i] = inf, 0
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			_, _, _, a32 := mask.At(mp.X+x, mp.Y+y).RGBA()
			a := float64(a32) / 0xffff
			i := (y+buffer)*W + x + buffer
			switch {
			case a >= 1:
				outer[i], inner[i] = 0, inf
			case a > 0:
				d := 0.5 - a
				outer[i], inner[i] = math.Max(d, 0)*math.Max(d, 0), math.Min(d, 0)*math.Min(d, 0)
			}
		}
	}
	edt(outer, W, H)
	edt(inner, W, H)
	out := make([]byte, W*H)
	for i := range out {
		d := math.Sqrt(outer[i]) - math.Sqrt(inner[i])
		v := math.Round(255 - 255*(d/radius+cutoff))
		out[i] = byte(math.Max(0, math.Min(255, v)))
	}
	return out
}

// edt is Felzenszwalb and Huttenlocher's squared Euclidean distance
// transform of a grid, in place: columns, then rows.
func edt(g []float64, w, h int) {
	n := max(w, h)
	f, d := make([]float64, n), make([]float64, n)
	v, z := make([]int, n), make([]float64, n+1)
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			f[y] = g[y*w+x]
		}
		edt1d(f, d, v, z, h)
		for y := 0; y < h; y++ {
			g[y*w+x] = d[y]
		}
	}
	for y := 0; y < h; y++ {
		copy(f, g[y*w:(y+1)*w])
		edt1d(f, d, v, z, w)
		copy(g[y*w:(y+1)*w], d[:w])
	}
}

func edt1d(f, d []float64, v []int, z []float64, n int) {
	v[0], z[0], z[1] = 0, -inf, inf
	k := 0
	for q := 1; q < n; q++ {
		var s float64
		for {
			r := v[k]
			s = (f[q] - f[r] + float64(q*q-r*r)) / float64(2*(q-r))
			if s <= z[k] {
				k--
				if k > -1 {
					continue
				}
			}
			break
		}
		k++
		v[k], z[k], z[k+1] = q, s, inf
	}
	k = 0
	for q := 0; q < n; q++ {
		for z[k+1] < float64(q) {
			k++
		}
		d[q] = float64((q-v[k])*(q-v[k])) + f[v[k]]
	}
}
