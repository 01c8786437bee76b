/* Issue 16, finding 4: state.txt and config.txt are validated when opened. Numbers are
 * parsed strictly (no sign into unsigned fields, no overflow), the capacity stays within
 * the medium, tracks inside the capacity and in order, each NWA inside its track, counts
 * bounded; a bad file refuses to open with a message naming the file and the line. */
#include "check.h"
#include "vd_test_util.h"

static char pristine_state[8192], pristine_config[8192];

static void read_text(const char *name, char *out, size_t size)
{
    char path[1200], *text;
    snprintf(path, sizeof(path), "%s/%s", vt_dir, name);
    if (core_file_read_all(path, &text, NULL)) { CHECK(0); out[0] = 0; return; }
    snprintf(out, size, "%s", text);
    free(text);
}

static void write_text(const char *name, const char *text)
{
    char path[1200];
    snprintf(path, sizeof(path), "%s/%s", vt_dir, name);
    CHECK_EQ_INT(core_file_replace(path, text, strlen(text), 0), 0);
}

/* The pristine file with the first line starting with `key` replaced (or `line` added
 * before "end" when no line has the key). */
static void with_line(const char *name, const char *pristine, const char *key, const char *line)
{
    char out[8192];
    const char *at = strstr(pristine, key), *eol;
    size_t n;
    if (at && (at == pristine || at[-1] == '\n'))
    {
        eol = strchr(at, '\n');
        n = (size_t)(at - pristine);
        snprintf(out, sizeof(out), "%.*s%s\n%s", (int)n, pristine, line, eol ? eol + 1 : "");
    }
    else
    {
        at = strstr(pristine, "\nend\n");
        n = at ? (size_t)(at - pristine) + 1 : strlen(pristine);
        snprintf(out, sizeof(out), "%.*s%s\n%s", (int)n, pristine, line, pristine + n);
    }
    write_text(name, out);
}

/* Opening must fail, naming the file and a line. */
static void expect_refused(const char *file, const char *what)
{
    char why[1600], needle[64];
    vdrive *vd = NULL;
    int hr = vdrive_open_why(vt_dir, &vd, why, sizeof(why));
    fprintf(stderr, "  %-28s -> %s\n", what, hr ? why : "(opened)");
    CHECK_EQ_INT(hr, VDRIVE_E_FORMAT);
    snprintf(needle, sizeof(needle), "%s: line ", file);
    CHECK(hr && strstr(why, needle) != NULL);
    if (!hr) vdrive_close(vd);
}

static void expect_opens(void)
{
    vdrive *vd;
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    if (vd) vdrive_close(vd);
}

static void test_state(void)
{
    static uint8_t data[16 * 2048];
    vdrive *vd;
    uint8_t c[10] = { 0x53 };

    vt_fresh_dir("state_check", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0011), 0);                  /* DVD-R */
    vt_put32(c + 5, 64);
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);   /* reserved track 1 */
    CHECK_EQ_INT(vt_write10(vd, 64, 16, data, 2048).status, MMC_STATUS_GOOD);         /* open track 2 */
    vdrive_close(vd);
    read_text("state.txt", pristine_state, sizeof(pristine_state));
    CHECK(strstr(pristine_state, "track start=64 size=0 written=16") != NULL);
    expect_opens();

    with_line("state.txt", pristine_state, "capacity", "capacity -5");
    expect_refused("state.txt", "negative capacity");
    with_line("state.txt", pristine_state, "capacity", "capacity 99999999999");
    expect_refused("state.txt", "capacity overflow");
    with_line("state.txt", pristine_state, "capacity", "capacity 2298497");
    expect_refused("state.txt", "capacity beyond DVD-R");
    with_line("state.txt", pristine_state, "track start=0", "track start=0 size=99999999999 written=0 session=1 closed=1");
    expect_refused("state.txt", "track size overflow");
    with_line("state.txt", pristine_state, "track start=0", "track start=0 size=4000000 written=0 session=1 closed=1");
    expect_refused("state.txt", "track beyond capacity");
    with_line("state.txt", pristine_state, "track start=0", "track start=0 size=64 written=65 session=1 closed=1");
    expect_refused("state.txt", "NWA past a reserved track");
    with_line("state.txt", pristine_state, "track start=64", "track start=64 size=0 written=2298433 session=1");
    expect_refused("state.txt", "NWA beyond capacity");
    with_line("state.txt", pristine_state, "track start=64", "track start=32 size=0 written=16 session=1");
    expect_refused("state.txt", "overlapping tracks");
    with_line("state.txt", pristine_state, "track start=64", "track start=-64 size=0 written=16 session=1");
    expect_refused("state.txt", "negative track start");
    with_line("state.txt", pristine_state, "sessions_closed", "sessions_closed 4294967295");
    expect_refused("state.txt", "sessions_closed unbounded");
    with_line("state.txt", pristine_state, "generation", "generation 12abc");
    expect_refused("state.txt", "trailing junk");
    with_line("state.txt", pristine_state, "write_speed", "write_speed -1");
    expect_refused("state.txt", "negative speed");
    with_line("state.txt", pristine_state, "finalized", "finalized 7");
    expect_refused("state.txt", "flag not 0/1");
    with_line("state.txt", pristine_state, "sao", "sao next=99999999 end=-1 mode=1");
    expect_refused("state.txt", "sao on DVD, far past the disc");
    {
        char many[8192];
        unsigned i;
        size_t n = 0;
        for (i = 0; i < 130; i++)
            n += (size_t)snprintf(many + n, sizeof(many) - n, "%strack start=%u size=1 written=1 session=1 closed=1",
                                  i ? "\n" : "", 100 + 2 * i);
        with_line("state.txt", pristine_state, "track start=0", many);
        expect_refused("state.txt", "too many tracks");
    }
    write_text("state.txt", pristine_state);
    expect_opens();
}

static void test_config(void)
{
    vt_fresh_dir("config_check", NULL);
    read_text("config.txt", pristine_config, sizeof(pristine_config));
    expect_opens();
    with_line("config.txt", pristine_config, "buffer_kb", "buffer_kb -1");
    expect_refused("config.txt", "negative buffer");
    with_line("config.txt", pristine_config, "becoming_ready", "becoming_ready 99999999999");
    expect_refused("config.txt", "becoming_ready overflow");
    with_line("config.txt", pristine_config, "cd_speeds", "cd_speeds 48 40 32 24 16 10 8 4 2");
    expect_refused("config.txt", "too many speeds");
    with_line("config.txt", pristine_config, "dvd_speeds", "dvd_speeds 16 x");
    expect_refused("config.txt", "junk speed");
    with_line("config.txt", pristine_config, "unit_attention", "unit_attention 2");
    expect_refused("config.txt", "flag not 0/1");
    with_line("config.txt", pristine_config, "profiles",
              "profiles cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr cdr");
    expect_refused("config.txt", "too many profiles");
    write_text("config.txt", pristine_config);
    expect_opens();
}

/* The CLI says which file and line, and exits nonzero. */
static void test_cli(void)
{
    const char *cli = getenv("VDRIVE_CLI");
    char cmd[4096], out[1200], *text = NULL;
    if (!cli) { CHECK(0); return; }
    vt_fresh_dir("state_check_cli", NULL);
    read_text("state.txt", pristine_state, sizeof(pristine_state));
    with_line("state.txt", pristine_state, "capacity", "capacity -5");
    snprintf(out, sizeof(out), "%s/cli_err.txt", vt_dir);
    snprintf(cmd, sizeof(cmd), "'%s' show '%s' >/dev/null 2>'%s'", cli, vt_dir, out);
    CHECK(system(cmd) != 0);
    CHECK_EQ_INT(core_file_read_all(out, &text, NULL), 0);
    CHECK(text && strstr(text, "state.txt: line ") && strstr(text, "capacity"));
    free(text);
}

int main(void)
{
    test_state();
    test_config();
    test_cli();
    return check_finish("test_vdrive_state_check");
}
