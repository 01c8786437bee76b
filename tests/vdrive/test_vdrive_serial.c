/* Recorders made without a serial number get distinct ones (programs tell drives apart
 * by VPD page 80h); a given serial is kept; the same directory keeps its serial. */
#include <string.h>
#include "check.h"
#include "vd_test_util.h"

/* The unit serial number (INQUIRY, EVPD, page 80h) of the recorder in dir. */
static void serial_of(const char *dir, char *out, size_t size)
{
    uint8_t cdb[6] = { 0x12, 0x01, 0x80, 0, 64, 0 }, buf[64];
    vdrive *vd = NULL;
    vt_result r;
    size_t n;
    out[0] = 0;
    CHECK_EQ_INT(vdrive_open(dir, &vd), 0);
    if (!vd) return;
    memset(buf, 0, sizeof(buf));
    r = vt_run(vd, cdb, 6, MMC_DIR_IN, buf, sizeof(buf));
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[1], 0x80);
    n = buf[3] < size - 1 ? buf[3] : size - 1;
    memcpy(out, buf + 4, n);
    out[n] = 0;
    vdrive_close(vd);
}

int main(void)
{
    char a[40], b[40], a2[40], given[40];
    vdrive_config cfg;

    serial_of(vt_fresh_dir("serial_a", NULL), a, sizeof(a));
    serial_of(vt_fresh_dir("serial_b", NULL), b, sizeof(b));
    CHECK(a[0] && b[0]);
    CHECK(strcmp(a, b) != 0);
    printf("serials: %s %s\n", a, b);

    serial_of(vt_fresh_dir("serial_a", NULL), a2, sizeof(a2));   /* the same directory again */
    CHECK(!strcmp(a, a2));

    vdrive_config_default(&cfg);
    cfg.becoming_ready = 0;
    strcpy(cfg.serial, "MYSERIAL1");
    serial_of(vt_fresh_dir("serial_given", &cfg), given, sizeof(given));
    CHECK(!strcmp(given, "MYSERIAL1"));
    return check_finish("test_vdrive_serial");
}
