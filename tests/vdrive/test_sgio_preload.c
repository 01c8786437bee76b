/* The SG_IO preload library, natively: with LD_PRELOAD and IMAPI_VDRIVE_DEVICE set, a
 * fake device node stats as a block device, opens, and answers SG_IO and CDROM ioctls
 * from the emulated recorder. Without the preload the node does not exist: fail. */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <linux/cdrom.h>
#include "check.h"
#include "vd_test_util.h"

static int sg(int fd, const uint8_t *cdb, int cdb_len, int dir, void *buf, unsigned len, uint8_t *sense, sg_io_hdr_t *h)
{
    memset(h, 0, sizeof(*h));
    h->interface_id = 'S';
    h->cmd_len = (unsigned char)cdb_len;
    h->cmdp = (unsigned char *)cdb;
    h->dxfer_direction = dir;
    h->dxferp = buf;
    h->dxfer_len = len;
    h->sbp = sense;
    h->mx_sb_len = 32;
    h->timeout = 10000;
    return ioctl(fd, SG_IO, h);
}

int main(void)
{
    const char *spec = getenv("IMAPI_VDRIVE_DEVICE");
    char node[1024], dir[1024];
    const char *eq;
    vdrive *vd;
    struct stat st;
    sg_io_hdr_t h;
    uint8_t inquiry[6] = { 0x12, 0, 0, 0, 36, 0 }, toc[10] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 12, 0 };
    uint8_t buf[64], sense[32];
    int fd;

    CHECK(spec != NULL && getenv("LD_PRELOAD") != NULL);
    if (!spec || !(eq = strchr(spec, '='))) return check_finish("test_sgio_preload");
    snprintf(node, sizeof(node), "%.*s", (int)(eq - spec), spec);
    snprintf(dir, sizeof(dir), "%s", eq + 1);
    {
        vdrive_config cfg;
        vdrive_config_default(&cfg);
        cfg.becoming_ready = 0;
        strcpy(cfg.vendor, "SGIOTEST");
        core_file_mkdir(getenv("IMAPI_TEST_TMP"));
        CHECK_EQ_INT(vdrive_create(dir, &cfg), 0);
        CHECK_EQ_INT(vdrive_open(dir, &vd), 0);
        CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
        vdrive_close(vd);
    }
    CHECK_EQ_INT(stat(node, &st), 0);
    CHECK(S_ISBLK(st.st_mode));
    fd = open(node, O_RDONLY | O_NONBLOCK);
    CHECK(fd >= 0);
    if (fd < 0) return check_finish("test_sgio_preload");
    CHECK_EQ_INT(fstat(fd, &st), 0);
    CHECK(S_ISBLK(st.st_mode));

    CHECK_EQ_INT(sg(fd, inquiry, 6, SG_DXFER_FROM_DEV, buf, 36, sense, &h), 0);
    CHECK_EQ_INT(h.status, 0);
    CHECK_EQ_INT(h.resid, 0);
    CHECK_EQ_INT(buf[0] & 0x1F, 5);
    CHECK(!memcmp(buf + 8, "SGIOTEST", 8));

    /* READ TOC of a blank disc: CHECK CONDITION with 05/24/00 in the sense buffer */
    CHECK_EQ_INT(sg(fd, toc, 10, SG_DXFER_FROM_DEV, buf, 12, sense, &h), 0);
    CHECK_EQ_INT(h.status, 0x02);
    CHECK_EQ_INT(h.driver_status & 0x08, 0x08);
    CHECK(h.sb_len_wr >= 14);
    CHECK_EQ_INT(sense[0], 0x70);
    CHECK_EQ_INT(sense[2] & 0x0F, 5);
    CHECK_EQ_INT(sense[12], 0x24);
    CHECK(h.info & SG_INFO_CHECK);

    /* WRITE(10) of two blocks through SG_IO, then ordinary reads of the device */
    {
        uint8_t w10[10] = { 0x2A, 0, 0, 0, 0, 0, 0, 0, 2, 0 }, data[4096], back[4096];
        unsigned i;
        for (i = 0; i < sizeof(data); i++) data[i] = (uint8_t)(i * 13 + 1);
        CHECK_EQ_INT(sg(fd, w10, 10, SG_DXFER_TO_DEV, data, sizeof(data), sense, &h), 0);
        CHECK_EQ_INT(h.status, 0);
        memset(back, 0, sizeof(back));
        CHECK_EQ_INT(pread(fd, back, 2048, 2048), 2048);
        CHECK(!memcmp(back, data + 2048, 2048));
        CHECK_EQ_INT(lseek(fd, 0, SEEK_SET), 0);
        CHECK_EQ_INT(read(fd, back, 4096), 4096);
        CHECK(!memcmp(back, data, 4096));
        CHECK_EQ_INT(read(fd, back, 2048), 0);          /* past the recorded area: end */
        CHECK_EQ_INT(pread(fd, back, 100, 0), -1);      /* block-aligned only */
    }

    CHECK_EQ_INT(ioctl(fd, CDROM_DRIVE_STATUS, CDSL_CURRENT), CDS_DISC_OK);
    CHECK_EQ_INT(ioctl(fd, CDROMEJECT, 0), 0);
    CHECK_EQ_INT(ioctl(fd, CDROM_DRIVE_STATUS, CDSL_CURRENT), CDS_TRAY_OPEN);
    CHECK_EQ_INT(ioctl(fd, CDROMCLOSETRAY, 0), 0);
    CHECK_EQ_INT(close(fd), 0);

    /* A descriptor of the node that reached this process another way (Wine's wineserver
     * opens devices and passes the descriptor to its client): the node's marker file
     * opened directly stands for it, and still answers SG_IO. */
    {
        char marker[1100];
        int fd2;
        snprintf(marker, sizeof(marker), "%s/sgio-node", dir);
        fd2 = open(marker, O_RDONLY);
        CHECK(fd2 >= 0);
        if (fd2 >= 0)
        {
            memset(buf, 0, sizeof(buf));
            CHECK_EQ_INT(sg(fd2, inquiry, 6, SG_DXFER_FROM_DEV, buf, 36, sense, &h), 0);
            CHECK_EQ_INT(h.status, 0);
            CHECK(!memcmp(buf + 8, "SGIOTEST", 8));
            CHECK_EQ_INT(fstat(fd2, &st), 0);
            CHECK(S_ISBLK(st.st_mode));
            CHECK_EQ_INT(close(fd2), 0);
        }
    }
    return check_finish("test_sgio_preload");
}
