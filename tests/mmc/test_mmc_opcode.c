/* mmc_opcode_name: the trace names of the operation codes (MMC-6 / SPC-4 names), an
 * answer for every byte, and no two codes sharing a name. */
#include <string.h>
#include "check.h"
#include "mmc/mmc_defs.h"

static void test_names(void)
{
    CHECK(!strcmp(mmc_opcode_name(0x00), "TEST UNIT READY"));
    CHECK(!strcmp(mmc_opcode_name(0x12), "INQUIRY"));
    CHECK(!strcmp(mmc_opcode_name(0x25), "READ CAPACITY"));
    CHECK(!strcmp(mmc_opcode_name(0x28), "READ(10)"));
    CHECK(!strcmp(mmc_opcode_name(0x2A), "WRITE(10)"));
    CHECK(!strcmp(mmc_opcode_name(0x43), "READ TOC/PMA/ATIP"));
    CHECK(!strcmp(mmc_opcode_name(0x46), "GET CONFIGURATION"));
    CHECK(!strcmp(mmc_opcode_name(0x51), "READ DISC INFORMATION"));
    CHECK(!strcmp(mmc_opcode_name(0x5A), "MODE SENSE(10)"));
    CHECK(!strcmp(mmc_opcode_name(0x5B), "CLOSE TRACK/SESSION"));
    CHECK(!strcmp(mmc_opcode_name(0xA1), "BLANK"));
    CHECK(!strcmp(mmc_opcode_name(0xBB), "SET CD SPEED"));
    CHECK(!strcmp(mmc_opcode_name(0xFF), "UNKNOWN"));
    CHECK(!strcmp(mmc_opcode_name(0x01), "UNKNOWN"));
}

static void test_all_bytes(void)
{
    const char *names[256];
    unsigned i, j, known = 0;

    for (i = 0; i < 256; i++)
    {
        names[i] = mmc_opcode_name((uint8_t)i);
        CHECK(names[i] != NULL && names[i][0]);
        if (strcmp(names[i], "UNKNOWN")) known++;
    }
    for (i = 0; i < 256; i++)
        for (j = i + 1; j < 256; j++)
            if (strcmp(names[i], "UNKNOWN")) CHECK(strcmp(names[i], names[j]));
    CHECK(known >= 40);   /* every code of enum mmc_opcode */
}

int main(void)
{
    test_names();
    test_all_bytes();
    return check_finish("test_mmc_opcode");
}
