/* The recorder's configuration (config.txt) and the fault syntax shared by the
 * configuration, the metadata and the CLI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive_internal.h"
#include "vdrive_text.h"

#define CONFIG_MAGIC "imapi-vdrive-config"
#define CONFIG_VERSION 1

void vdrive_config_default(vdrive_config *c)
{
    static const uint16_t profiles[] = {
        MMC_PROFILE_CDROM, MMC_PROFILE_CD_RECORDABLE, MMC_PROFILE_CD_REWRITABLE,
        MMC_PROFILE_DVDROM, MMC_PROFILE_DVD_DASH_RECORDABLE, MMC_PROFILE_DVD_RAM,
        MMC_PROFILE_DVD_DASH_RW_RESTRICTED, MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL,
        MMC_PROFILE_DVD_PLUS_RW, MMC_PROFILE_DVD_PLUS_R, MMC_PROFILE_DVD_PLUS_R_DUAL,
        MMC_PROFILE_BD_ROM, MMC_PROFILE_BD_R_SEQUENTIAL, MMC_PROFILE_BD_REWRITABLE };
    static const unsigned cd[] = { 48, 40, 32, 24, 16, 10, 4 }, dvd[] = { 16, 12, 8, 4, 2 }, bd[] = { 12, 8, 6, 4, 2 };
    unsigned i;

    memset(c, 0, sizeof(*c));
    strcpy(c->vendor, "IMAPIEMU");
    strcpy(c->product, "Virtual Recorder");
    strcpy(c->revision, "1.00");
    c->serial[0] = 0;   /* vdrive_create derives one from the directory: see there */
    for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) c->profiles[i] = profiles[i];
    c->nprofiles = i;
    c->buffer_kb = 4096;
    c->becoming_ready = 2;
    for (i = 0; i < 7; i++) c->cd_speeds[i] = cd[i];
    c->ncd_speeds = 7;
    for (i = 0; i < 5; i++) { c->dvd_speeds[i] = dvd[i]; c->bd_speeds[i] = bd[i]; }
    c->ndvd_speeds = c->nbd_speeds = 5;
}

int vdrive_fault_parse(const char *text, vdrive_fault *f)
{
    char buf[256], *tok, *cursor = buf;
    int have_action = 0;

    memset(f, 0, sizeof(*f));
    f->opcode = -1;
    f->lba_first = f->lba_last = -1;
    if (strlen(text) >= sizeof(buf)) return VDRIVE_E_FORMAT;
    strcpy(buf, text);
    while ((tok = vd_text_token(&cursor)))
    {
        char *end;
        if (!strncmp(tok, "op=", 3))
        {
            unsigned long v = strtoul(tok + 3, &end, 16);
            if (*end || v > 0xFF) return VDRIVE_E_FORMAT;
            f->opcode = (int)v;
        }
        else if (!strncmp(tok, "lba=", 4))
        {
            f->lba_first = strtoll(tok + 4, &end, 10);
            f->lba_last = f->lba_first;
            if (*end == '-') f->lba_last = strtoll(end + 1, &end, 10);
            if (*end || f->lba_first < 0 || f->lba_last < f->lba_first) return VDRIVE_E_FORMAT;
        }
        else if (!strncmp(tok, "sense=", 6))
        {
            unsigned sk, asc, ascq;
            if (sscanf(tok + 6, "%x/%x/%x", &sk, &asc, &ascq) != 3 || sk > 15 || asc > 255 || ascq > 255)
                return VDRIVE_E_FORMAT;
            f->kind = VDRIVE_FAULT_SENSE;
            f->sk = (uint8_t)sk; f->asc = (uint8_t)asc; f->ascq = (uint8_t)ascq;
            have_action = 1;
        }
        else if (!strcmp(tok, "timeout")) { f->kind = VDRIVE_FAULT_TIMEOUT; have_action = 1; }
        else if (!strcmp(tok, "remove")) { f->kind = VDRIVE_FAULT_REMOVE_MEDIA; have_action = 1; }
        else if (!strcmp(tok, "protect")) { f->kind = VDRIVE_FAULT_WRITE_PROTECT; have_action = 1; }
        else if (!strcmp(tok, "once")) f->once = 1;
        else return VDRIVE_E_FORMAT;
    }
    return have_action ? 0 : VDRIVE_E_FORMAT;
}

void vdrive_fault_format(const vdrive_fault *f, char *out, size_t size)
{
    char op[16] = "", lba[48] = "", action[32];
    if (f->opcode >= 0) snprintf(op, sizeof(op), "op=%02x ", (unsigned)f->opcode);
    if (f->lba_first >= 0)
        snprintf(lba, sizeof(lba), "lba=%lld-%lld ", (long long)f->lba_first, (long long)f->lba_last);
    if (f->kind == VDRIVE_FAULT_TIMEOUT) strcpy(action, "timeout");
    else if (f->kind == VDRIVE_FAULT_REMOVE_MEDIA) strcpy(action, "remove");
    else if (f->kind == VDRIVE_FAULT_WRITE_PROTECT) strcpy(action, "protect");
    else snprintf(action, sizeof(action), "sense=%02x/%02x/%02x", f->sk, f->asc, f->ascq);
    snprintf(out, size, "%s%s%s%s", op, lba, action, f->once ? " once" : "");
}

static void format_speeds(vd_text *t, const char *key, const unsigned *v, unsigned n)
{
    unsigned i;
    vd_text_printf(t, "%s", key);
    for (i = 0; i < n; i++) vd_text_printf(t, " %u", v[i]);
    vd_text_printf(t, "\n");
}

char *vd_config_format(const vdrive_config *c)
{
    vd_text t = { 0 };
    char fault[160];
    unsigned i;
    vd_text_printf(&t, "%s %d\n", CONFIG_MAGIC, CONFIG_VERSION);
    vd_text_printf(&t, "vendor %s\nproduct %s\nrevision %s\nserial %s\n", c->vendor, c->product,
                   c->revision, c->serial);
    vd_text_printf(&t, "profiles");
    for (i = 0; i < c->nprofiles; i++) vd_text_printf(&t, " %s", vdrive_media_name(c->profiles[i]));
    vd_text_printf(&t, "\nbuffer_kb %u\nbecoming_ready %u\nunit_attention %d\n", c->buffer_kb,
                   c->becoming_ready, c->unit_attention);
    if (c->manual_load) vd_text_printf(&t, "manual_load 1\n");
    if (c->realtime) vd_text_printf(&t, "realtime 1\n");
    format_speeds(&t, "cd_speeds", c->cd_speeds, c->ncd_speeds);
    format_speeds(&t, "dvd_speeds", c->dvd_speeds, c->ndvd_speeds);
    format_speeds(&t, "bd_speeds", c->bd_speeds, c->nbd_speeds);
    for (i = 0; i < c->nfaults; i++)
    {
        vdrive_fault_format(&c->faults[i], fault, sizeof(fault));
        vd_text_printf(&t, "fault %s\n", fault);
    }
    return vd_text_finish(&t);
}

static void copy_field(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size) n = size - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* Bounds of config.txt's numbers (far above any real drive; they only reject junk). */
#define MAX_BUFFER_KB      (1u << 20)
#define MAX_BECOMING_READY 100000u
#define MAX_SPEED_X        1000u

/* A speed list: 1 to VDRIVE_MAX_SPEEDS multiples of 1x. */
static const char *parse_speeds(char *rest, unsigned *out, unsigned *count)
{
    unsigned n = 0;
    char *tok;
    while ((tok = vd_text_token(&rest)))
    {
        uint64_t v;
        if (n == VDRIVE_MAX_SPEEDS) return "too many speeds";
        if (vd_text_uint(tok, MAX_SPEED_X, &v) || !v) return "bad speed";
        out[n++] = (unsigned)v;
    }
    *count = n;
    return NULL;
}

static const char *parse_profiles(char *rest, vdrive_config *c)
{
    char *tok;
    c->nprofiles = 0;
    while ((tok = vd_text_token(&rest)))
    {
        if (c->nprofiles == VDRIVE_MAX_PROFILES) return "too many profiles";
        if (vdrive_media_from_name(tok, &c->profiles[c->nprofiles])) return "unknown media";
        c->nprofiles++;
    }
    return NULL;
}

int vd_config_parse(const char *text, vdrive_config *c, vd_parse_error *err)
{
    char *copy = malloc(strlen(text) + 1), *cursor, *line;
    unsigned lineno = 0;
    int version = -1, hr = 0;

    if (!copy) return CORE_FILE_ENOMEM;
    strcpy(copy, text);
    cursor = copy;
    vdrive_config_default(c);
    while (!hr && (line = vd_text_next_line(&cursor)))
    {
        char *rest = strchr(line, ' ');
        const char *bad = NULL;
        uint64_t v = 0;
        lineno++;
        if (!*line) continue;
        if (rest) *rest++ = 0; else rest = line + strlen(line);
#define NUM(field, max) do { if (vd_text_uint(rest, (max), &v)) bad = "bad number"; else field = (unsigned)v; } while (0)
        if (!strcmp(line, CONFIG_MAGIC))
        {
            if (vd_text_uint(rest, CONFIG_VERSION, &v) || v < 1) bad = "unknown version";
            else version = (int)v;
        }
        else if (version < 0) bad = "not a recorder configuration";
        else if (!strcmp(line, "vendor")) copy_field(c->vendor, sizeof(c->vendor), rest);
        else if (!strcmp(line, "product")) copy_field(c->product, sizeof(c->product), rest);
        else if (!strcmp(line, "revision")) copy_field(c->revision, sizeof(c->revision), rest);
        else if (!strcmp(line, "serial")) copy_field(c->serial, sizeof(c->serial), rest);
        else if (!strcmp(line, "buffer_kb")) NUM(c->buffer_kb, MAX_BUFFER_KB);
        else if (!strcmp(line, "becoming_ready")) NUM(c->becoming_ready, MAX_BECOMING_READY);
        else if (!strcmp(line, "unit_attention")) NUM(c->unit_attention, 1);
        else if (!strcmp(line, "manual_load")) NUM(c->manual_load, 1);
        else if (!strcmp(line, "realtime")) NUM(c->realtime, 1);
        else if (!strcmp(line, "cd_speeds")) bad = parse_speeds(rest, c->cd_speeds, &c->ncd_speeds);
        else if (!strcmp(line, "dvd_speeds")) bad = parse_speeds(rest, c->dvd_speeds, &c->ndvd_speeds);
        else if (!strcmp(line, "bd_speeds")) bad = parse_speeds(rest, c->bd_speeds, &c->nbd_speeds);
        else if (!strcmp(line, "profiles")) bad = parse_profiles(rest, c);
        else if (!strcmp(line, "fault"))
        {
            if (c->nfaults == VDRIVE_MAX_FAULTS) bad = "too many faults";
            else if (vdrive_fault_parse(rest, &c->faults[c->nfaults])) bad = "bad fault";
            else c->faults[c->nfaults++].once = 0;
        }
#undef NUM
        if (bad)
        {
            char what[96];
            snprintf(what, sizeof(what), "%.40s: %s", line, bad);
            hr = vd_parse_fail(err, lineno, what);
        }
    }
    free(copy);
    if (hr) return hr;
    if (version < 1) return vd_parse_fail(err, 1, "not a recorder configuration");
    if (!c->buffer_kb) c->buffer_kb = 1;
    return 0;
}
