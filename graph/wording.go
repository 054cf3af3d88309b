package graph

import "strconv"

// times says how often: "once", "2 times".
func times(n int) string {
	if n == 1 {
		return "once"
	}
	return strconv.Itoa(n) + " times"
}

// shipments counts shipments: "1 shipment", "3 shipments".
func shipments(n int) string {
	if n == 1 {
		return "1 shipment"
	}
	return strconv.Itoa(n) + " shipments"
}
