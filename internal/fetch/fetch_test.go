package fetch_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
)

func TestRefused(t *testing.T) {
	tests := []struct {
		addr    string
		refused bool
	}{
		{"127.0.0.1", true}, {"127.9.9.9", true}, {"10.1.2.3", true}, {"172.16.0.1", true}, {"172.31.255.255", true},
		{"192.168.1.1", true}, {"169.254.169.254", true}, {"100.64.0.1", true}, {"0.0.0.0", true},
		{"224.0.0.251", true}, {"255.255.255.255", true}, {"::1", true}, {"::", true}, {"fe80::1", true},
		{"fd00:ec2::254", true}, {"ff02::1", true}, {"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true},
		{"8.8.8.8", false}, {"172.32.0.1", false}, {"100.128.0.1", false}, {"151.101.1.140", false},
		{"2a04:4e42::396", false}, {"::ffff:8.8.8.8", false},
	}
	for _, tt := range tests {
		if got := fetch.Refused(netip.MustParseAddr(tt.addr)); got != tt.refused {
			t.Errorf("Refused(%s) = %v, want %v", tt.addr, got, tt.refused)
		}
	}
}

// TestClient fetches from a real server on loopback: refused by default,
// by address and by a name that resolves to it, allowed with
// AllowPrivate, with the project's user agent and at most five redirects.
func TestClient(t *testing.T) {
	var agent string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agent = r.UserAgent()
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err == nil && n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	strict := fetch.NewClient(fetch.Options{})
	for _, u := range []string{srv.URL + "/", "http://localhost:" + port + "/"} {
		_, err := strict.Get(u)
		err = fetch.Error(u, err)
		if parallax.ErrorCode(err) != parallax.EINVALID || !strings.Contains(err.Error(), "--allow-private") || !strings.Contains(err.Error(), u) {
			t.Errorf("GET %s by default: %v", u, err)
		}
	}
	open := fetch.NewClient(fetch.Options{AllowPrivate: true})
	resp, err := open.Get(srv.URL + "/hop/5")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("five redirects: %v", err)
	}
	resp.Body.Close()
	if agent != fetch.UserAgent {
		t.Errorf("user agent %q", agent)
	}
	if _, err := open.Get(srv.URL + "/hop/6"); err == nil || !strings.Contains(err.Error(), "more than 5 redirects") {
		t.Errorf("six redirects: %v", err)
	}
}
