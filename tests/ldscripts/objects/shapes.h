#ifndef SHAPES_H
#define SHAPES_H

#include <map>
#include <memory>
#include <string>
#include <vector>

struct Shape {
	virtual ~Shape() = default;
	virtual double area() const = 0;
	virtual const char *name() const = 0;
};

std::unique_ptr<Shape> make_shape(const std::string &kind, double size);
std::string join(const std::vector<std::string> &parts, const char *sep);
int tally(const std::map<std::string, int> &counts);
std::vector<std::string> shape_names();

#endif
