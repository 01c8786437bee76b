/* FILETIME-like times to ECMA-119 date fields (see fs_date.h). */
#include "fs_date.h"

fs_time fs_time_from_unix(int64_t seconds)
{
    return seconds * FS_TIME_TICKS_PER_SEC + FS_TIME_UNIX_EPOCH;
}

/* Days since 1970-01-01 to a proleptic Gregorian date, using 400-year eras
 * starting on March 1st so that the leap day falls at the end of each year. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void fs_time_to_civil(fs_time t, fs_civil_time *out)
{
    int64_t ticks = t - FS_TIME_UNIX_EPOCH;
    int64_t secs = ticks / FS_TIME_TICKS_PER_SEC, rem = ticks % FS_TIME_TICKS_PER_SEC;
    int64_t days, sod;
    if (rem < 0) { rem += FS_TIME_TICKS_PER_SEC; secs--; }
    days = secs / 86400;
    sod = secs % 86400;
    if (sod < 0) { sod += 86400; days--; }
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(sod / 3600);
    out->minute = (int)(sod / 60 % 60);
    out->second = (int)(sod % 60);
    out->centisecond = (int)(rem / 100000);
}

void fs_time_to_iso7(fs_time t, uint8_t out[7])
{
    fs_civil_time c;
    fs_time_to_civil(t, &c);
    if (c.year < 1900) { c.year = 1900; c.month = 1; c.day = 1; c.hour = c.minute = c.second = 0; }
    if (c.year > 2155) { c.year = 2155; c.month = 12; c.day = 31; c.hour = 23; c.minute = 59; c.second = 59; }
    out[0] = (uint8_t)(c.year - 1900);
    out[1] = (uint8_t)c.month;
    out[2] = (uint8_t)c.day;
    out[3] = (uint8_t)c.hour;
    out[4] = (uint8_t)c.minute;
    out[5] = (uint8_t)c.second;
    out[6] = 0;
}

static void put_digits(uint8_t *p, int value, int ndigits)
{
    while (ndigits--)
    {
        p[ndigits] = (uint8_t)('0' + value % 10);
        value /= 10;
    }
}

void fs_time_to_iso17(fs_time t, uint8_t out[17])
{
    fs_civil_time c;
    if (t == 0)
    {
        int i;
        for (i = 0; i < 16; i++) out[i] = '0';
        out[16] = 0;
        return;
    }
    fs_time_to_civil(t, &c);
    if (c.year < 1) { c.year = 1; c.month = 1; c.day = 1; c.hour = c.minute = c.second = c.centisecond = 0; }
    if (c.year > 9999) { c.year = 9999; c.month = 12; c.day = 31; c.hour = 23; c.minute = 59; c.second = 59; c.centisecond = 99; }
    put_digits(out, c.year, 4);
    put_digits(out + 4, c.month, 2);
    put_digits(out + 6, c.day, 2);
    put_digits(out + 8, c.hour, 2);
    put_digits(out + 10, c.minute, 2);
    put_digits(out + 12, c.second, 2);
    put_digits(out + 14, c.centisecond, 2);
    out[16] = 0;
}

/* The inverse of civil_from_days (same March-based eras). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

fs_time fs_time_from_iso7(const uint8_t in[7])
{
    int m = in[1], d = in[2];
    int64_t secs;
    int8_t offset = (int8_t)in[6];
    if (m < 1 || m > 12 || d < 1 || d > 31 || in[3] > 23 || in[4] > 59 || in[5] > 60) return 0;
    if (offset < -48 || offset > 52) offset = 0;
    secs = days_from_civil(1900 + in[0], m, d) * 86400 + in[3] * 3600 + in[4] * 60 + in[5];
    secs -= (int64_t)offset * 15 * 60;   /* local time at offset*15 min from GMT -> UTC */
    return fs_time_from_unix(secs);
}
