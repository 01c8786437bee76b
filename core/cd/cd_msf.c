/* CD addresses (see cd_msf.h). */
#include "cd_msf.h"

uint8_t cd_to_bcd(unsigned v) { return (uint8_t)(((v / 10) % 10) << 4 | (v % 10)); }
unsigned cd_from_bcd(uint8_t v) { return (v >> 4) * 10u + (v & 0x0Fu); }
int cd_bcd_valid(uint8_t v) { return (v >> 4) <= 9 && (v & 0x0F) <= 9; }

cd_msf cd_frames_to_msf(uint32_t frames)
{
    cd_msf m;
    m.m = (uint8_t)(frames / CD_FRAMES_PER_MINUTE);
    m.s = (uint8_t)(frames / CD_FRAMES_PER_SECOND % 60);
    m.f = (uint8_t)(frames % CD_FRAMES_PER_SECOND);
    return m;
}

uint32_t cd_msf_frames(cd_msf msf)
{
    return msf.m * (uint32_t)CD_FRAMES_PER_MINUTE + msf.s * (uint32_t)CD_FRAMES_PER_SECOND + msf.f;
}

#define LEADIN_WRAP 450150   /* 100:00:00 + 150 frames: lead-in LBAs wrap below it */

cd_msf cd_lba_to_msf(int32_t lba)
{
    if (lba < -CD_PREGAP_FRAMES) return cd_frames_to_msf((uint32_t)(lba + LEADIN_WRAP));
    return cd_frames_to_msf((uint32_t)(lba + CD_PREGAP_FRAMES));
}

int32_t cd_msf_to_lba(cd_msf msf)
{
    int32_t frames = (int32_t)cd_msf_frames(msf);
    /* MMC: minutes 90..99 are the lead-in */
    if (msf.m >= 90) return frames - LEADIN_WRAP;
    return frames - CD_PREGAP_FRAMES;
}
