package httpapi

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// secretParams are query parameters whose values never reach the log:
// calendar feed tokens, and the sign-in callback's code and state.
var secretParams = []string{"token", "code", "state"}

// logURI is the request URI as the log keeps it: the path, and the query
// with the values of secretParams replaced. Bodies are never logged, and
// no endpoint takes personal data in its query string.
func logURI(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return r.URL.Path + "?(unparsed)"
	}
	for k := range q {
		if slices.Contains(secretParams, strings.ToLower(k)) {
			q[k] = []string{"REDACTED"}
		}
	}
	return r.URL.Path + "?" + q.Encode()
}
