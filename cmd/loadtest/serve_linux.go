package main

import "syscall"

// stopWithParent has Linux stop the server when loadtest itself dies (a
// closed pipe, Ctrl-C, kill), so no landcat is left loading the cores
// behind the next measurement.
func stopWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
