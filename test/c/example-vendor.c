/* A vendor's I2C driver queues a one-byte read from the device at 7-bit address 0x50. */
#include <stdio.h>
#include <string.h>
#include "virtio-i2c.h"

int main(void)
{
	struct virtio_i2c_out_hdr out;                      /* device-readable header */
	struct virtio_i2c_in_hdr in = { VIRTIO_I2C_MSG_ERR }; /* the device overwrites it */
	const unsigned char *bytes = (const unsigned char *)&out;
	size_t i;

	memset(&out, 0, sizeof out);
	out.addr = hvspec_cpu_to_le16(0x50 << 1);           /* 7-bit address in bits 7..1 */
	out.flags = hvspec_cpu_to_le32(VIRTIO_I2C_FLAGS_M_RD);
	/* ...queue out, a 1-byte buffer and in on requestq, notify, wait... */
	printf("device %d, status %d, header", VIRTIO_ID_I2C_ADAPTER, in.status);
	for (i = 0; i < sizeof out; i++)
		printf(" %02x", bytes[i]);
	printf("\n");
	return 0;
}
