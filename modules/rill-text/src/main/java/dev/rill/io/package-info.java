/** File helpers shared by the modules: atomic writes. */
package dev.rill.io;
