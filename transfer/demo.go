package transfer

import _ "embed"

// demoRegister is a fictional register in SIPRI's export format, written
// for the demo: its deals are invented, not SIPRI data.
//
//go:embed demo/register.csv
var demoRegister []byte

// DemoRegister returns the fictional demo register (SIPRI's CSV format,
// Windows-1252).
func DemoRegister() []byte { return demoRegister }
