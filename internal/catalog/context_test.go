package catalog_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
)

// fakeStore holds nothing; a Write fails the test.
type fakeStore struct{ t *testing.T }

func (s *fakeStore) Get(_ context.Context, c catalog.Collection, id string) (*catalog.Feature, error) {
	return nil, catalog.ErrNotFound(c, id)
}

func (s *fakeStore) Missing(_ context.Context, _ catalog.Collection, ids []string) ([]string, error) {
	return nil, nil
}

func (s *fakeStore) FindByCode(context.Context, catalog.Collection, []string) ([]*catalog.Feature, error) {
	return nil, nil
}

func (s *fakeStore) Write(context.Context, catalog.Write) (catalog.Commit, error) {
	s.t.Error("Write called")
	return catalog.Commit{}, errors.New("no")
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func wantCancelled(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, context.Canceled) || catalog.KindOf(err) != catalog.KindUnavailable {
		t.Errorf("%s: got %v (kind %v), want a KindUnavailable error wrapping context.Canceled", what, err, catalog.KindOf(err))
	}
}

// TestCancelledRequestsStop checks that an abandoned request stops
// decoding, importing and writing.
func TestCancelledRequestsStop(t *testing.T) {
	ctx := cancelled()
	_, err := catalog.DecodeFeatureContext(ctx, catalog.Parcels, []byte(parcel("")))
	wantCancelled(t, "decode", err)

	f, err := catalog.DecodeFeature(catalog.Parcels, []byte(parcel("")))
	if err != nil {
		t.Fatal(err)
	}
	_, err = catalog.MergePatchContext(ctx, f, []byte(`{"properties":{"fibre_carriers":2}}`))
	wantCancelled(t, "merge patch", err)

	svc := &catalog.Service{Store: &fakeStore{t: t}}
	_, err = svc.Create(ctx, catalog.Actor{Role: catalog.RoleAdmin}, f)
	wantCancelled(t, "create", err)

	file := `{"type":"FeatureCollection","features":[` + strings.Repeat(parcel("")+",", 3) + parcel("") + `]}`
	_, err = svc.Import(ctx, catalog.Actor{Role: catalog.RoleAdmin}, strings.NewReader(file), catalog.ImportOptions{Collection: catalog.Parcels})
	wantCancelled(t, "import", err)
}
