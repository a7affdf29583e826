namespace CustomerServiceBot.Nlu.Entities;

public enum EntityKind
{
    OrderNumber,
    Phone,
    Amount,
    Size,
    Colour,
    Height,
    Weight,
    Quantity,
    DateTime,
    Product,
}
