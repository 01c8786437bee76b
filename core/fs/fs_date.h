/* Item times: FILETIME-like 64-bit counts of 100 ns since 1601-01-01 UTC (what the
 * COM layer gets from a DATE), and their ECMA-119 encodings. */
#ifndef IMAPI_FS_DATE_H
#define IMAPI_FS_DATE_H

#include <stdint.h>

typedef int64_t fs_time;

/* 100 ns ticks between 1601-01-01 and 1970-01-01. */
#define FS_TIME_UNIX_EPOCH 116444736000000000LL
#define FS_TIME_TICKS_PER_SEC 10000000LL

fs_time fs_time_from_unix(int64_t seconds);

/* Broken-down UTC time. */
typedef struct fs_civil_time
{
    int year, month, day, hour, minute, second, centisecond;
} fs_civil_time;

void fs_time_to_civil(fs_time t, fs_civil_time *out);

/* ECMA-119 9.1.5: 7 bytes, years since 1900 .. GMT offset (0: we write UTC).
 * Years outside 1900..2155 are clamped to the representable range. */
void fs_time_to_iso7(fs_time t, uint8_t out[7]);
/* Reading one back (import): UTC with the recorded GMT offset applied; 0 for a field
 * that is not a date (month 0 etc.). */
fs_time fs_time_from_iso7(const uint8_t in[7]);

/* ECMA-119 8.4.26.1: "YYYYMMDDHHMMSScc" digits + GMT offset byte. t == 0 writes the
 * "not specified" form (sixteen '0' digits and a zero offset). */
void fs_time_to_iso17(fs_time t, uint8_t out[17]);

#endif
