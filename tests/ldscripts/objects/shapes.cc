// Shapes behind a virtual interface: vtables, typeinfo, and a factory that
// throws for a kind it does not know (exception tables, personality).
#include <stdexcept>

#include "shapes.h"

namespace {

struct Square : Shape {
	double side;
	explicit Square(double s) : side(s) {}
	double area() const override { return side * side; }
	const char *name() const override { return "square"; }
};

struct Circle : Shape {
	double radius;
	explicit Circle(double r) : radius(r) {}
	double area() const override { return 3.14159265358979 * radius * radius; }
	const char *name() const override { return "circle"; }
};

} // namespace

std::unique_ptr<Shape> make_shape(const std::string &kind, double size)
{
	if (kind == "square")
		return std::make_unique<Square>(size);
	if (kind == "circle")
		return std::make_unique<Circle>(size);
	throw std::invalid_argument("no such shape: " + kind);
}
