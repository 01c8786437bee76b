/* Deterministic fuzzing of command sequences against the emulated recorder (see
 * fuzz_vdrive_body.h): RESERVE TRACK followed by READs at and around track boundaries
 * and NWAs, writes, closes, blanking, formatting, reopening. A hang (the read loop of
 * issue 16) trips the alarm. Fixed PRNG seed and counts: a few seconds. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include "check.h"
#include "vd_test_util.h"
#include "fuzz_vdrive_body.h"

#define SEQUENCES 120
#define STEPS 24

static uint32_t rng = 0x13579BDu;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

int main(void)
{
    uint8_t d[1 + 4 * STEPS];
    unsigned s, i;

    alarm(60);
    vt_fresh_dir("fuzz_seq", NULL);
    for (s = 0; s < SEQUENCES; s++)
    {
        for (i = 0; i < sizeof(d); i++) d[i] = (uint8_t)next_rand();
        /* every other sequence: RESERVE TRACK first, then READ into it */
        if (s % 2) { d[1] = 0x11; d[2] = (uint8_t)(1 + s % 40); d[5] = 0x03; d[6] = 0x01; d[7] = 0; }
        fuzz_vdrive_commands(vt_dir, d, sizeof(d));
    }
    CHECK(1);   /* no sanitizer report, abort or hang */
    return check_finish("test_vdrive_fuzz_seq");
}
