/* SPDX-License-Identifier: MIT */
/* The program every integration example builds: it does nothing, and the
 * example links it at an address of its choosing (LINK_ADDRESS). */
int main(void)
{
	return 0;
}
