/** Runnable ports of Faust's examples. */
package faust.examples;
