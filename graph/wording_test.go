package graph

import "testing"

func TestWording(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{times(1), "once"}, {times(2), "2 times"}, {times(0), "0 times"},
		{shipments(1), "1 shipment"}, {shipments(7), "7 shipments"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}
