package ingest

// formats is the detection order: more specific formats first. Each reader
// package adds its entries here.
var formats = []*Format{}
