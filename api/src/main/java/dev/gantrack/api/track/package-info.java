/** Where runs are recorded (trackers) and how generators are measured (metrics). */
package dev.gantrack.api.track;
