// A registry of names: std::map, std::string, std::vector instances that
// every object using them instantiates again (COMDAT groups).
#include <map>
#include <string>
#include <vector>

#include "shapes.h"

std::string join(const std::vector<std::string> &parts, const char *sep)
{
	std::string out;
	for (const auto &p : parts) {
		if (!out.empty())
			out += sep;
		out += p;
	}
	return out;
}

int tally(const std::map<std::string, int> &counts)
{
	int n = 0;
	for (const auto &kv : counts)
		n += kv.second;
	return n;
}

std::vector<std::string> shape_names()
{
	static const char *const names[] = {"square", "circle", "triangle",
					    "hexagon"};
	std::vector<std::string> v;
	for (const char *n : names)
		v.emplace_back(n);
	return v;
}
